// The six-month verification ladder, on a real database with the controllable clock: nothing is
// asked before the period is up; at six months each SPOC is asked once, however often the job runs;
// reminded once after five working days; nobody's coordinator hears before ten working days
// (weekends and the Christmas bank holidays skipped), and hears once after; Confirm starts the
// period again; Update details and Hand over check what is typed and write nothing when it is
// wrong; a handover completes when the successor confirms and is undone when they say it is not
// them; the weekly digest says what is stale.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, actorFromContact } from "../src/core/actor.js";
import { UserFacingError } from "../src/core/errors.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { renderOutboxMessage } from "../src/outbox/render.js";
import { createScheduler } from "../src/schedule/create-scheduler.js";
import type { Scheduler } from "../src/schedule/scheduler.js";
import { type AppServices, createServices } from "../src/services.js";
import { TEST_SCHEDULES } from "./support/schedules.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const VERIFIED = new Date("2026-06-15T08:00:00Z"); // a Monday, the day everyone was last checked
const RACHEL = "rachel.moorhouse@nypolice.example"; // police SPOC, Craven: confirms
const ROB = "rob.kitching@cravencvs.example"; // voluntary sector SPOC, Craven: never answers
const JULIE = "julie.ackroyd@northyorks.example"; // council SPOC, Craven only: hands over
const JOANNE = "joanne.hirst@nyfrs.example"; // fire SPOC, Craven and Harrogate: names her deputy, who refuses
const BEN = "ben.lambert@nyfrs.example"; // Joanne's deputy
const ADAM = "adam.varley@yorkshirehousing.example"; // housing SPOC, Craven and Harrogate: updates details
const KIRSTY = "kirsty.bell@nyyjs.example"; // youth justice SPOC: her coordinator verifies her entry
const HELEN = "coordinator.craven@ldg.example";
const NEW_CONTACT = "priya.shah@northyorks.example";

/** The job's slot at 09:00 London time on `day`. */
function nineOn(day: string): Date {
  const summer = day >= "2027-03-28" && day < "2027-10-31";
  return new Date(`${day}T${summer ? "08" : "09"}:00:00Z`);
}

describe("the register check ladder", () => {
  let temp: TempStore;
  let services: AppServices;
  let scheduler: Scheduler;
  const clock = { now: VERIFIED };

  const contact = async (email: string) => temp.store.contact.findUniqueOrThrow({ where: { email } });
  const actor = async (email: string): Promise<Actor> => {
    const found = await services.register.findByEmail(email);
    if (!found) throw new Error(`${email} is not in the register`);
    return actorFromContact(found);
  };
  const messages = async (kind: string, email?: string) =>
    temp.store.outboxMessage.findMany({
      where: { kind, ...(email ? { recipient: { email } } : {}) },
      orderBy: { createdAt: "asc" },
    });
  const checkOf = async (email: string) =>
    temp.store.registerCheck.findFirstOrThrow({
      where: { contactId: (await contact(email)).id },
      orderBy: { askedAt: "desc" },
    });
  const runOn = async (day: string, hour?: Date) => {
    clock.now = hour ?? nineOn(day);
    return scheduler.runSlot("register.verify", clock.now);
  };
  const lastCounts = async () =>
    (
      await temp.store.jobRun.findFirstOrThrow({
        where: { job: "register.verify" },
        orderBy: { slotAt: "desc" },
      })
    ).counts as Record<string, number>;
  /** What a refused answer says; it must be a message for the person, not a crash. */
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    return (error as Error).message;
  };

  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    await temp.store.contact.updateMany({ data: { verifiedAt: VERIFIED } });
    services = createServices(temp.store, { now: () => clock.now });
    scheduler = createScheduler(
      temp.store,
      { ...TEST_SCHEDULES, registerChecks: "0 9 * * 1-5" },
      "Europe/London",
      pino({ level: "silent" }),
      { now: () => clock.now },
    );
  });
  afterAll(async () => temp?.dispose());

  it("asks nobody before six months are up", async () => {
    expect(await runOn("2026-12-14")).toBe(true);
    expect(await lastCounts()).toMatchObject({ asked: 0, escalated: 0 });
    expect(await temp.store.registerCheck.count()).toBe(0);
    expect(await messages("register.check")).toHaveLength(0);
  });

  it("asks every SPOC at six months, once, however often the job runs", async () => {
    const spocs = await temp.store.contact.count({
      where: { retiredAt: null, memberships: { some: { role: "SPOC" } } },
    });
    expect(await runOn("2026-12-15")).toBe(true);
    expect(await lastCounts()).toMatchObject({ asked: spocs });
    // The same slot again (another replica) is not run; a later slot the same day asks nobody again.
    expect(await scheduler.runSlot("register.verify", nineOn("2026-12-15"))).toBe(false);
    expect(await runOn("2026-12-15", new Date("2026-12-15T13:00:00Z"))).toBe(true);
    expect(await lastCounts()).toMatchObject({ asked: 0 });
    await services.registerChecks.run("by-hand", clock.now);

    expect(await temp.store.registerCheck.count()).toBe(spocs);
    expect(await messages("register.check")).toHaveLength(spocs);
    const [question] = await messages("register.check", JOANNE);
    expect(question).toBeDefined();
    const { message } = renderOutboxMessage("register.check", question?.payload);
    expect(message.summary).toBe(
      "Are you still the contact for North Yorkshire Fire and Rescue Service in Craven and Harrogate?",
    );
    const buttons = message.blocks.flatMap((block) => (block.kind === "buttons" ? block.buttons : []));
    expect(buttons.map((button) => [button.label, button.intent])).toEqual([
      ["Confirm", "register.confirm"],
      ["Update details", "register.update"],
      ["Hand over", "register.handover"],
    ]);
    // Coordinators and deputies are not SPOCs: they are not asked.
    expect(await messages("register.check", HELEN)).toHaveLength(0);
    expect(await temp.store.auditEvent.count({ where: { verb: "register.check.asked" } })).toBe(spocs);
  });

  it("lets only the person asked answer, and Confirm starts their six months again", async () => {
    clock.now = new Date("2026-12-16T10:00:00Z");
    const check = await checkOf(RACHEL);
    expect(await refusal(services.registerChecks.confirm(await actor(ROB), check.id))).toMatch(
      /Only the person this check was sent to/,
    );
    const reply = await services.interactions.press(await actor(RACHEL), "register.confirm", check.id);
    expect(reply).toMatchObject({ kind: "update" });
    expect((await contact(RACHEL)).verifiedAt).toEqual(clock.now);
    expect(await checkOf(RACHEL)).toMatchObject({ state: "CONFIRMED", answeredAt: clock.now });
    expect(
      await temp.store.auditEvent.findMany({ where: { entityId: check.id }, select: { verb: true } }),
    ).toContainEqual({ verb: "register.check.confirmed" });
    // A second press (a double click, an old email) says it was answered; nothing changes.
    const again = await services.interactions.press(await actor(RACHEL), "register.confirm", check.id);
    expect(again.kind).toBe("private");
    expect(JSON.stringify(again)).toContain("already been answered");
  });

  it("refuses wrong details with a friendly message and writes nothing, then saves good ones", async () => {
    clock.now = new Date("2026-12-16T11:00:00Z");
    const rob = await actor(ROB);
    const check = await checkOf(ROB);
    const opened = await services.interactions.press(rob, "register.update", check.id);
    if (opened.kind !== "form") throw new Error("Update details opened no form");
    expect(opened.form.fields.find((field) => field.name === "phone")).toMatchObject({
      initial: "01632 960905",
    });
    const before = await contact(ROB);
    const bad = await services.interactions.submit(rob, "details", opened.form.context, {
      name: "Rob Kitching",
      email: "rob at craven",
      phone: "call me",
      deputyEmail: ROB,
    });
    expect(bad).toMatchObject({
      kind: "invalid",
      errors: { email: "is not a valid email address", phone: expect.stringContaining("not a phone number") },
    });
    const self = await services.interactions.submit(rob, "details", opened.form.context, {
      name: "Rob Kitching",
      email: ROB,
      deputyEmail: ROB,
    });
    expect(self).toMatchObject({ kind: "invalid", errors: { deputyEmail: "you cannot be your own deputy" } });
    expect(await contact(ROB)).toEqual(before);
    expect(await checkOf(ROB)).toMatchObject({ state: "ASKED" });

    // Rob stays unanswered for the coordinator test below; Adam saves good details.
    const adam = await actor(ADAM);
    const adamCheck = await checkOf(ADAM);
    const form = await services.interactions.press(adam, "register.update", adamCheck.id);
    if (form.kind !== "form") throw new Error("Update details opened no form");
    const saved = await services.interactions.submit(adam, "details", form.form.context, {
      name: "Adam Varley",
      email: ADAM,
      phone: "01632 960899",
      deputyEmail: "",
    });
    expect(saved.kind).toBe("update");
    expect(await contact(ADAM)).toMatchObject({ phone: "01632 960899", verifiedAt: clock.now });
    expect((await services.register.findByEmail(ADAM))?.memberships.map((m) => m.area.code)).toEqual([
      "CRA",
      "HAR",
    ]);
    expect(await checkOf(ADAM)).toMatchObject({ state: "UPDATED" });
    expect(
      await temp.store.auditEvent.count({
        where: { verb: "contact.updated", entityId: adamCheck.contactId },
      }),
    ).toBe(1);
  });

  it("refuses a bad handover with a friendly message and writes nothing", async () => {
    clock.now = new Date("2026-12-17T10:00:00Z");
    const julie = await actor(JULIE);
    const check = await checkOf(JULIE);
    await services.register.retireContact(await actor(HELEN), "ryan.dent@northyorks.example");
    const contactsBefore = await temp.store.contact.count();
    const outboxBefore = await temp.store.outboxMessage.count();
    const tries: [Record<string, string>, string, RegExp][] = [
      [{ successorName: "Priya", successorEmail: "priya at council" }, "successorEmail", /not a valid email/],
      [{ successorName: "Me", successorEmail: JULIE }, "successorEmail", /your own address/],
      [
        { successorName: "Ryan Dent", successorEmail: "ryan.dent@northyorks.example" },
        "successorEmail",
        /Ryan Dent has retired from the register/,
      ],
      [
        { successorName: "Rachel", successorEmail: RACHEL },
        "successorEmail",
        /is with North Yorkshire Police/,
      ],
      [{ successorName: "", successorEmail: NEW_CONTACT }, "successorName", /is required/],
    ];
    for (const [values, field, message] of tries) {
      const reply = await services.interactions.submit(julie, "handover", { checkId: check.id }, values);
      expect(reply.kind).toBe("invalid");
      expect(reply.kind === "invalid" && reply.errors[field]).toMatch(message);
    }
    expect(await temp.store.contact.count()).toBe(contactsBefore);
    expect(await temp.store.outboxMessage.count()).toBe(outboxBefore);
    expect(await checkOf(JULIE)).toMatchObject({ state: "ASKED", successorId: null });
  });

  it("hands over to a new person, who takes the entry when they confirm", async () => {
    clock.now = new Date("2026-12-17T11:00:00Z");
    const check = await checkOf(JULIE);
    const handed = await services.interactions.submit(
      await actor(JULIE),
      "handover",
      { checkId: check.id },
      {
        successorName: "Priya Shah",
        successorEmail: "Priya.Shah@northyorks.example",
        successorPhone: "01632 960699",
      },
    );
    expect(handed.kind).toBe("update");
    const pending = await services.register.findByEmail(NEW_CONTACT);
    expect(pending).toMatchObject({
      name: "Priya Shah",
      organisation: { name: "North Yorkshire Council" },
      memberships: [],
      verifiedAt: null,
    });
    const [invitation] = await messages("register.handover", NEW_CONTACT);
    const rendered = renderOutboxMessage("register.handover", invitation?.payload).message;
    expect(rendered.summary).toBe(
      "Julie Ackroyd named you as the new contact for North Yorkshire Council in Craven",
    );
    expect(
      rendered.blocks.flatMap((block) => (block.kind === "buttons" ? block.buttons.map((b) => b.label) : [])),
    ).toEqual(["Confirm", "That's not me"]);
    // Until Priya confirms, Julie is still the contact, and only Priya may confirm.
    expect((await services.register.findByEmail(JULIE))?.memberships.map((m) => m.role)).toEqual(["SPOC"]);
    expect(await refusal(services.registerChecks.acceptHandover(await actor(JULIE), check.id))).toMatch(
      /Only the person named/,
    );

    clock.now = new Date("2026-12-18T09:30:00Z");
    const confirmed = await services.interactions.press(
      await actor(NEW_CONTACT),
      "register.accept",
      check.id,
    );
    expect(confirmed.kind).toBe("update");
    const priya = await services.register.findByEmail(NEW_CONTACT);
    expect(priya?.memberships.map((m) => `${m.area.code}:${m.role}`)).toEqual(["CRA:SPOC"]);
    expect(priya?.verifiedAt).toEqual(clock.now);
    const julie = await contact(JULIE);
    expect(julie.retiredAt).toEqual(clock.now);
    expect(await temp.store.membership.count({ where: { contactId: julie.id } })).toBe(0);
    expect(await checkOf(JULIE)).toMatchObject({ state: "HANDED_OVER" });
    // History stays in the audit: who held the entry before.
    const retired = await temp.store.auditEvent.findFirstOrThrow({
      where: { verb: "contact.retired", entityId: julie.id },
    });
    expect(retired.before).toMatchObject({ memberships: ["CRA:SPOC"] });
    // The coordinators hear; nobody hears twice.
    const outcome = await messages("register.handover.outcome");
    expect(new Set(outcome.map((row) => row.recipientId)).size).toBe(outcome.length);
    const told = await messages("register.handover.outcome", HELEN);
    expect(renderOutboxMessage("register.handover.outcome", told[0]?.payload).message.summary).toBe(
      "Priya Shah is now the contact for North Yorkshire Council in Craven",
    );
    // Julie retired with the handover: nothing is sent to a retired entry.
    expect(await messages("register.handover.outcome", JULIE)).toHaveLength(0);
  });

  it("tells the coordinator when the named successor says it is not them, and keeps the entry", async () => {
    clock.now = new Date("2026-12-18T10:00:00Z");
    const check = await checkOf(JOANNE);
    await services.interactions.submit(
      await actor(JOANNE),
      "handover",
      { checkId: check.id },
      { successorName: "Ben Lambert", successorEmail: BEN },
    );
    expect(await checkOf(JOANNE)).toMatchObject({ state: "HANDOVER", successorAdded: false });

    // The digest says what the handover waits for.
    const waiting = await services.digests.weekly(
      await temp.store.area.findUniqueOrThrow({ where: { code: "CRA" } }),
      new Date("2026-12-21T08:00:00Z"),
    );
    expect(waiting.unverified).toContainEqual(
      expect.objectContaining({
        name: "Joanne Hirst",
        check: "handover to Ben Lambert awaiting confirmation",
      }),
    );
    expect(waiting.unverified).toContainEqual(
      expect.objectContaining({ name: "Rob Kitching", check: "asked on 15/12/2026, no answer" }),
    );
    expect(waiting.unverified.map((row) => row.name)).not.toContain("Rachel Moorhouse");
    const digest = JSON.stringify(renderOutboxMessage("digest.weekly", waiting).message);
    expect(digest).toContain("Register entries not verified for six months");
    expect(digest).toContain(
      "Rob Kitching, Craven Community Voluntary Service: last verified 15/06/2026; asked on 15/12/2026, no answer",
    );

    const refused = await services.interactions.press(await actor(BEN), "register.refuse", check.id);
    expect(refused.kind).toBe("update");
    expect(await checkOf(JOANNE)).toMatchObject({ state: "HANDOVER_REFUSED" });
    expect((await contact(BEN)).retiredAt).toBeNull();
    expect((await services.register.findByEmail(JOANNE))?.memberships.map((m) => m.area.code)).toEqual([
      "CRA",
      "HAR",
    ]);
    // Joanne stays the contact, so she hears as well as her coordinator.
    expect(await messages("register.handover.outcome", JOANNE)).toHaveLength(1);
    const [told] = await messages("register.handover.outcome", HELEN).then((rows) =>
      rows.filter((row) => (row.payload as { outcome: string }).outcome === "HANDOVER_REFUSED"),
    );
    expect(renderOutboxMessage("register.handover.outcome", told?.payload).message.summary).toBe(
      "Ben Lambert says they are not the new contact for North Yorkshire Fire and Rescue Service in Craven and Harrogate",
    );
  });

  it("reminds those who have not answered after five working days, once", async () => {
    expect(await runOn("2026-12-21")).toBe(true);
    expect(await lastCounts()).toMatchObject({ reminded: 0 });
    expect(await runOn("2026-12-22")).toBe(true);
    expect((await lastCounts()).reminded).toBeGreaterThan(0);
    const toRob = await messages("register.check", ROB);
    expect(toRob).toHaveLength(2);
    expect(renderOutboxMessage("register.check", toRob[1]?.payload).message.summary).toBe(
      "Reminder: Are you still the contact for Craven Community Voluntary Service in Craven?",
    );
    // Those who answered, or whose handover waits for a successor, are not reminded.
    for (const answered of [RACHEL, ADAM, JULIE, JOANNE]) {
      expect(await messages("register.check", answered)).toHaveLength(1);
    }
    expect(await runOn("2026-12-23")).toBe(true);
    expect(await lastCounts()).toMatchObject({ reminded: 0 });
    expect(await messages("register.check", ROB)).toHaveLength(2);
  });

  it("tells the coordinator after ten working days without an answer, not before, and once", async () => {
    // The coordinator checks Kirsty's entry herself: her open question is closed, and nobody chases it.
    clock.now = new Date("2026-12-29T15:00:00Z");
    await services.register.markVerified(await actor(HELEN), KIRSTY);
    // Asked Tuesday 15 December: the ten working days skip two weekends and 25 and 28 December.
    expect(await runOn("2026-12-30")).toBe(true);
    expect(await lastCounts()).toMatchObject({ escalated: 0, verifiedElsewhere: 1 });
    expect(await checkOf(KIRSTY)).toMatchObject({ state: "CONFIRMED" });
    expect(await messages("register.unanswered")).toHaveLength(0);

    expect(await runOn("2026-12-31")).toBe(true);
    const counts = await lastCounts();
    expect(counts.escalated).toBeGreaterThan(0);
    const toHelen = await messages("register.unanswered", HELEN);
    expect(toHelen).toHaveLength(1);
    const list = renderOutboxMessage("register.unanswered", toHelen[0]?.payload).message;
    const lines = list.blocks.flatMap((block) => (block.kind === "list" ? block.items : []));
    expect(lines).toContain(
      "Rob Kitching, Craven Community Voluntary Service (Craven): asked on 15/12/2026, no answer",
    );
    const answered = ["Rachel Moorhouse", "Julie Ackroyd", "Joanne Hirst", "Adam Varley", "Kirsty Bell"];
    for (const name of answered) expect(lines.join("\n")).not.toContain(name);
    // Harrogate's coordinator hears of Harrogate's SPOCs, not of Craven-only ones.
    const harrogate = await messages("register.unanswered", "coordinator.harrogate@ldg.example");
    expect(JSON.stringify(harrogate[0]?.payload)).not.toContain("Rob Kitching");

    // Friday 1 January is a bank holiday: the job does nothing. Monday's run tells nobody again.
    expect(await runOn("2027-01-01")).toBe(true);
    expect(await lastCounts()).toMatchObject({ skipped: "not a working day" });
    expect(await runOn("2027-01-04")).toBe(true);
    expect(await lastCounts()).toMatchObject({ asked: 0, escalated: 0 });
    expect(await messages("register.unanswered", HELEN)).toHaveLength(1);
  });

  it("asks again six months after a confirmation, and not before", async () => {
    expect(await runOn("2027-06-16")).toBe(true);
    expect(await messages("register.check", RACHEL)).toHaveLength(1);
    expect(await runOn("2027-06-17")).toBe(true);
    expect(await messages("register.check", RACHEL)).toHaveLength(2);
    // Rob's question is still open (his coordinator has it): he is not asked anew, only reminded once.
    expect(await messages("register.check", ROB)).toHaveLength(2);
  });
});

describe("two register check runs at once", () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    await temp.store.contact.updateMany({ data: { verifiedAt: VERIFIED } });
  });
  afterAll(async () => temp?.dispose());

  it("ask each SPOC once between them", async () => {
    const now = nineOn("2026-12-15");
    // Two processes, each with its own services over the same database.
    const runs = await Promise.all(
      ["replica-1", "replica-2"].map((slotKey) =>
        createServices(temp.store, { now: () => now }).registerChecks.run(slotKey, now),
      ),
    );
    const spocs = await temp.store.contact.count({
      where: { retiredAt: null, memberships: { some: { role: "SPOC" } } },
    });
    expect(runs.reduce((sum, counts) => sum + Number(counts.asked), 0)).toBe(spocs);
    expect(await temp.store.registerCheck.count()).toBe(spocs);
    expect(await temp.store.outboxMessage.count({ where: { kind: "register.check" } })).toBe(spocs);
  });
});
