// Meetings people can make, through the same Interactions the chat surfaces and email links call,
// over a real SQLite store with the demo register: the convene form's candidate times, the poll,
// the tally and pick, attendance by organisation, and notes whose ACTION lines become actions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FormValues } from "../src/chat/form.js";
import type { Block, ChatMessage } from "../src/chat/message.js";
import type { Reply } from "../src/chat/reply.js";
import { type Actor, actorFromContact, operatorActor } from "../src/core/actor.js";
import { PersonalDataExports } from "../src/core/privacy/personal-data.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { renderOutboxMessage } from "../src/outbox/render.js";
import { type AppServices, createServices } from "../src/services.js";
import { PrismaPersonalDataRepository } from "../src/store/personal-data-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const COORDINATOR = "coordinator.craven@ldg.example";
const OFFICER = "sam.holmes@nyfrs.example";
const POLICE_SPOC = "rachel.moorhouse@nypolice.example";
const FIRE_SPOC = "joanne.hirst@nyfrs.example";
const AMBULANCE_SPOC = "sarah.gill@yas.example";
const POLICE = "North Yorkshire Police";
const FIRE = "North Yorkshire Fire and Rescue Service";
const AMBULANCE = "Yorkshire Ambulance Service";

function textOf(message: ChatMessage): string {
  return message.blocks
    .map((block: Block) => {
      switch (block.kind) {
        case "heading":
        case "text":
          return block.text;
        case "facts":
          return block.facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n");
        case "list":
          return block.items.join("\n");
        case "buttons":
          return block.buttons.map((button) => `[${button.label}]`).join(" ");
        default:
          return "";
      }
    })
    .join("\n");
}

function messageOf(reply: Reply, kind: "update" | "private" | "message"): ChatMessage {
  if (reply.kind !== kind) throw new Error(`expected a ${kind} reply, got ${JSON.stringify(reply)}`);
  return (reply as { message: ChatMessage }).message;
}

describe("meetings people can make", () => {
  let temp: TempStore;
  let services: AppServices;
  const clock = { now: new Date("2026-11-25T10:00:00Z") };
  let coordinator: Actor;
  let police: Actor;
  let fire: Actor;
  let ambulance: Actor;
  let ref: string;

  const actorOf = async (email: string) => {
    const contact = await services.register.findByEmail(email);
    return actorFromContact(contact as NonNullable<typeof contact>);
  };

  beforeEach(async () => {
    clock.now = new Date("2026-11-25T10:00:00Z");
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    services = createServices(temp.store, { now: () => clock.now });
    coordinator = await actorOf(COORDINATOR);
    police = await actorOf(POLICE_SPOC);
    fire = await actorOf(FIRE_SPOC);
    ambulance = await actorOf(AMBULANCE_SPOC);
    const { problem } = await services.problems.raise(await actorOf(OFFICER), {
      title: "Deliberate fires in the bin store",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      description: "Seen by Mrs Parkin at number 12.",
    });
    ref = problem.ref;
  });
  afterEach(async () => temp.dispose());

  async function convene(values: FormValues) {
    const opened = await services.interactions.command(coordinator, `convene ${ref}`);
    if (opened.kind !== "form") throw new Error("convene opened no form");
    return services.interactions.submit(coordinator, "convene", opened.form.context, {
      partners: [POLICE, FIRE, AMBULANCE],
      durationMinutes: "60",
      kind: "PROBLEM_SOLVING_PANEL",
      ...values,
    });
  }

  const outbox = (kind: string) =>
    temp.store.outboxMessage.findMany({ where: { kind }, orderBy: { createdAt: "asc" } });

  async function pollOpen() {
    const reply = await convene({ candidates: "1/12 10:00\n2/12 14:00\n\n3/12 09:30" });
    const meeting = await services.meetings.latestOf(coordinator, ref);
    return { reply, meeting, slots: meeting.slots };
  }

  it("refuses bad candidate times line by line, and writes nothing", async () => {
    const reply = await convene({
      candidates: "1/12 10:00\nsometime soon\n1/12 10:00\n20/11/2026 10:00",
    });
    if (reply.kind !== "invalid") throw new Error("expected the form back");
    expect(reply.errors.candidates).toContain('line 2 ("sometime soon")');
    expect(reply.errors.candidates).toContain('line 3 ("1/12 10:00") is the same time as line 1');
    expect(reply.errors.candidates).toMatch(/line 4 \("20\/11\/2026 10:00"\): .*has passed/);

    const six = await convene({
      candidates: "1/12 10:00\n2/12 10:00\n3/12 10:00\n4/12 10:00\n7/12 10:00\n8/12 10:00",
    });
    if (six.kind !== "invalid") throw new Error("expected the form back");
    expect(six.errors.candidates).toBe("Give at most 5 times to choose from; there are 6");

    const both = await convene({ when: "1/12 10:00", candidates: "2/12 10:00\n3/12 10:00" });
    if (both.kind !== "invalid") throw new Error("expected the form back");
    expect(both.errors.when).toContain("not both");

    expect(await temp.store.meeting.count()).toBe(0);
    expect(await temp.store.outboxMessage.count({ where: { kind: { startsWith: "meeting." } } })).toBe(0);
    // Nothing half-written: the partners ticked were not added either.
    expect((await services.problems.show(coordinator, ref)).partners).toEqual([]);
  });

  it("polls each invitee, tallies their answers, proposes the best time and sends invitations once picked", async () => {
    const { reply, meeting, slots } = await pollOpen();
    expect(textOf(messageOf(reply, "update"))).toContain("3 people asked which of the 3 times they can make");
    expect(meeting.invitees.map((invitee) => invitee.organisationName).sort()).toEqual(
      [FIRE, POLICE, AMBULANCE].sort(),
    );
    const polls = await outbox("meeting.poll");
    expect(polls).toHaveLength(3);
    expect(await outbox("meeting.invitation")).toHaveLength(0);
    const [first, second, third] = slots.map((slot) => slot.id) as [string, string, string];

    // Police can make the first two, then changes its mind about the first; fire only the second;
    // the ambulance SPOC cannot make the second and has not answered the rest.
    await services.interactions.press(police, "meeting.can", first);
    await services.interactions.press(police, "meeting.can", second);
    const changed = await services.interactions.press(police, "meeting.cannot", first);
    expect(textOf(messageOf(changed, "update"))).toContain(
      "Noted: you can't make Tuesday, 1 December 2026 at 10:00.",
    );
    expect(textOf(messageOf(changed, "update"))).toContain(
      "1. Tuesday, 1 December 2026 at 10:00: you can't make it",
    );
    await services.interactions.press(fire, "meeting.can", second);
    await services.interactions.press(fire, "meeting.can", third);
    expect(await outbox("meeting.poll.answered")).toHaveLength(0);
    await services.interactions.press(ambulance, "meeting.cannot", second);
    // The last to answer brings the coordinator the time to propose, once.
    const [complete, ...more] = await outbox("meeting.poll.answered");
    expect(more).toHaveLength(0);
    expect(complete?.recipientId).toBe(coordinator.contactId);
    const pushed = textOf(renderOutboxMessage("meeting.poll.answered", complete?.payload).message);
    expect(pushed).toContain(
      `Proposed: Wednesday, 2 December 2026 at 14:00, which 2 of the 3 invited can make. Nobody can come then for ${AMBULANCE}.`,
    );
    expect(JSON.stringify(complete?.payload)).toContain(second);
    await services.interactions.press(ambulance, "meeting.can", third);
    expect(await outbox("meeting.poll.answered")).toHaveLength(1);
    // Someone not invited cannot answer.
    const stranger = await services.interactions.press(await actorOf(OFFICER), "meeting.can", first);
    expect(textOf(messageOf(stranger, "private"))).toContain("Only the people invited");

    const tally = textOf(
      messageOf(await services.interactions.command(coordinator, `meeting ${ref}`), "message"),
    );
    expect(tally).toContain("1. Tuesday, 1 December 2026 at 10:00: 0 can make it, 1 can't, 2 not answered");
    expect(tally).toContain("2. Wednesday, 2 December 2026 at 14:00: 2 can make it, 1 can't, 0 not answered");
    expect(tally).toContain(`Nobody can come for ${AMBULANCE}`);
    expect(tally).toContain(
      `Proposed: Wednesday, 2 December 2026 at 14:00, the time most can make; nobody can come then for ${AMBULANCE}.`,
    );
    // The tally is the coordinator's.
    expect(
      textOf(messageOf(await services.interactions.command(police, `meeting ${ref}`), "message")),
    ).toContain("coordinator");
    // Neither answers nor picks write an invitation.
    expect(await outbox("meeting.invitation")).toHaveLength(0);
    // Attendance cannot be recorded before there is a time.
    expect(
      textOf(messageOf(await services.interactions.command(coordinator, `attendance ${ref}`), "message")),
    ).toContain("still being arranged");

    // Someone's answers say when they are free: they are in what a subject access request returns.
    const exported = await new PersonalDataExports(
      new PrismaPersonalDataRepository(temp.store),
      () => clock.now,
    ).export(operatorActor("cli:test"), POLICE_SPOC);
    const [invitation] = exported.meetingInvitations as {
      meeting: { slots: { answers: { canAttend: boolean }[] }[] };
    }[];
    expect(invitation?.meeting.slots.map((slot) => slot.answers.map((answer) => answer.canAttend))).toEqual([
      [false],
      [true],
      [],
    ]);

    const picked = await services.interactions.press(coordinator, "meeting.pick", second);
    expect(textOf(messageOf(picked, "update"))).toContain(
      "The time is set to Wednesday, 2 December 2026 at 14:00. The invitation, with its calendar file, is going to 3 people.",
    );
    const invitations = await outbox("meeting.invitation");
    expect(invitations).toHaveLength(3);
    for (const invitation of invitations) {
      const payload = invitation.payload as { startsAt: string; ics: string };
      expect(payload.startsAt).toBe("2026-12-02T14:00:00.000Z");
      expect(payload.ics).toContain("DTSTART:20261202T140000Z");
    }

    // After the pick, answers and a second pick are told the time, and change nothing.
    const late = await services.interactions.press(ambulance, "meeting.can", first);
    expect(textOf(messageOf(late, "update"))).toBe(
      "The time was set to Wednesday, 2 December 2026 at 14:00, and the invitation has been sent; the poll is closed",
    );
    expect(
      textOf(messageOf(await services.interactions.press(coordinator, "meeting.pick", third), "private")),
    ).toContain("The time was set to Wednesday, 2 December 2026 at 14:00");
    expect(await outbox("meeting.invitation")).toHaveLength(3);
    const audit = await temp.store.auditEvent.findMany({
      where: { entityType: "Meeting" },
      select: { verb: true },
    });
    expect(audit.map((event) => event.verb)).toEqual(
      expect.arrayContaining(["meeting.convened", "meeting.slot.answered", "meeting.time.picked"]),
    );
  });

  it("records attendance by organisation, and turns the notes' ACTION lines into actions all together or not at all", async () => {
    const { slots } = await pollOpen();
    await services.interactions.press(coordinator, "meeting.pick", slots[0]?.id as string);
    clock.now = new Date("2026-12-01T11:30:00Z");

    const attendance = await services.interactions.command(coordinator, `attendance ${ref}`);
    if (attendance.kind !== "form") throw new Error("attendance opened no form");
    const attended = attendance.form.fields[0];
    if (attended?.kind !== "choices") throw new Error("no list of people");
    expect(attended.options.map((option) => option.label)).toEqual([
      `${FIRE}: Joanne Hirst`,
      `${POLICE}: Rachel Moorhouse`,
      `${AMBULANCE}: Sarah Gill`,
    ]);
    const recorded = await services.interactions.submit(coordinator, "attendance", attendance.form.context, {
      attended: [police.contactId as string, fire.contactId as string],
    });
    const recordedText = textOf(messageOf(recorded, "update"));
    expect(recordedText).toContain("Attendance recorded.");
    expect(recordedText).toContain(`${FIRE}: 1 of 1 attended`);
    expect(recordedText).toContain(`${AMBULANCE}: 0 of 1 attended`);

    const notes = await services.interactions.command(coordinator, `notes ${ref}`);
    if (notes.kind !== "form") throw new Error("notes opened no form");
    const bad = [
      "Present: police, fire. Apologies: ambulance.",
      "ACTION fire: fit smoke alarms in the flats by 5/12",
      "ACTION housing: clear the bin store by Friday",
      "ACTION police: patrol the bin store after dark by yesterday",
      "ACTION somebody should look at the lighting",
    ].join("\n");
    const refused = await services.interactions.submit(coordinator, "notes", notes.form.context, {
      notes: bad,
    });
    if (refused.kind !== "invalid") throw new Error("expected the form back");
    expect(refused.errors.notes).toContain('line 3: "housing" is not a partner on this problem');
    expect(refused.errors.notes).toMatch(/line 4: due: .*past/);
    expect(refused.errors.notes).toContain(
      'line 5 ("ACTION somebody should look at the lighting") does not read as',
    );
    expect(refused.errors.notes).not.toContain("line 2");
    expect(await temp.store.action.count()).toBe(0);
    expect((await temp.store.meeting.findFirstOrThrow()).notes).toBeNull();

    const good = [
      "Present: police, fire. Apologies: ambulance.",
      "ACTION fire: fit smoke alarms in the flats by 5/12",
      `ACTION ${POLICE}: patrol the bin store after dark by next Friday`,
      "ACTION ambulance: share call-outs to the flats by 18/12",
    ].join("\n");
    const saved = await services.interactions.submit(coordinator, "notes", notes.form.context, {
      notes: good,
    });
    expect(textOf(messageOf(saved, "update"))).toContain(`Notes saved, and 3 actions added to ${ref}`);
    const actions = await temp.store.action.findMany({ include: { organisation: true, assignee: true } });
    expect(
      actions.map((action) => `${action.organisation.name}|${action.assignee?.email}|${action.text}`).sort(),
    ).toEqual(
      [
        `${FIRE}|${FIRE_SPOC}|fit smoke alarms in the flats`,
        `${POLICE}|${POLICE_SPOC}|patrol the bin store after dark`,
        `${AMBULANCE}|${AMBULANCE_SPOC}|share call-outs to the flats`,
      ].sort(),
    );
    const assigned = await outbox("action.assigned");
    expect(assigned.map((message) => message.recipientId).sort()).toEqual(
      [police.contactId, fire.contactId, ambulance.contactId].sort(),
    );
    expect((await temp.store.meeting.findFirstOrThrow()).notes).toBe(good);

    // Notes saved again, from a new form, with a line added: only that line makes an action.
    const again = await services.interactions.command(coordinator, `notes ${ref}`);
    if (again.kind !== "form") throw new Error("notes opened no form");
    const resaved = await services.interactions.submit(coordinator, "notes", again.form.context, {
      notes: `${good}\nACTION police: check the CCTV by next Friday`,
    });
    const resavedText = textOf(messageOf(resaved, "update"));
    expect(resavedText).toContain(`Notes saved, and 1 action added to ${ref}`);
    expect(resavedText).toContain("3 ACTION lines had been added before.");
    expect(await temp.store.action.count()).toBe(4);
    expect(await outbox("action.assigned")).toHaveLength(4);
  });
});
