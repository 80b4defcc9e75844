// The forms and buttons both chat surfaces share, through the core over a real SQLite store: what a
// form asks, how wrong values come back beside their fields, and that nothing is half-written.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatForm, FormValues } from "../src/chat/form.js";
import type { Button, ChatMessage } from "../src/chat/message.js";
import type { Reply } from "../src/chat/reply.js";
import type { Actor } from "../src/core/actor.js";
import { type AppServices, createServices } from "../src/services.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const OFFICER = "sam.holmes@nyfrs.example";
const COORDINATOR = "coordinator.craven@ldg.example";
const POLICE_SPOC = "rachel.moorhouse@nypolice.example";
const POLICE_DEPUTY = "tom.hebden@nypolice.example";
const HARROGATE_POLICE_SPOC = "jonathan.lister@nypolice.example";

let workflow: Workflow;
let services: AppServices;

beforeEach(async () => {
  workflow = await openWorkflow(new Date("2026-11-25T10:00:00Z"));
  services = createServices(workflow.temp.store, { now: () => workflow.clock.now });
});
afterEach(async () => {
  await workflow.temp.dispose();
});

function formOf(reply: Reply): ChatForm {
  if (reply.kind !== "form") throw new Error(`expected a form, got ${reply.kind}: ${JSON.stringify(reply)}`);
  return reply.form;
}

function messageOf(reply: Reply, kind: "message" | "update" | "private"): ChatMessage {
  if (reply.kind !== kind) throw new Error(`expected ${kind}, got ${reply.kind}: ${JSON.stringify(reply)}`);
  return (reply as { message: ChatMessage }).message;
}

function textOf(message: ChatMessage): string {
  return message.blocks
    .map((block) => {
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

function buttonsOf(message: ChatMessage): Button[] {
  return message.blocks.flatMap((block) => (block.kind === "buttons" ? block.buttons : []));
}

const RAISE_VALUES: FormValues = {
  title: "Fires set in the bin store at Mill Court",
  area: "CRA",
  category: "FIRE_RISK",
  harm: "3",
  likelihood: "3",
  vulnerablePerson: true,
  description: "Mrs Smith at no. 4 says youths gather at night",
  locationText: "Mill Court bin store",
  locationReference: "BD23 1AA",
  classification: "OFFICIAL_SENSITIVE",
};

async function raise(actor: Actor): Promise<string> {
  const form = formOf(await services.interactions.command(actor, "raise"));
  const reply = await services.interactions.submit(actor, "raise", form.context, RAISE_VALUES);
  const ref = /CRA-2026-\d{4}/.exec(messageOf(reply, "update").summary)?.[0];
  if (!ref) throw new Error("no reference in the raise reply");
  return ref;
}

async function problemCount(): Promise<number> {
  return workflow.temp.store.problem.count();
}

describe("raising a problem through the form", () => {
  it("offers an officer a form with their own area chosen and the required fields marked", async () => {
    const officer = await workflow.actorFor(OFFICER);
    const form = formOf(await services.interactions.command(officer, "raise Fires in the bin store"));
    const byName = Object.fromEntries(form.fields.map((field) => [field.name, field]));
    expect(byName.title).toMatchObject({ required: true, initial: "Fires in the bin store" });
    expect(byName.area).toMatchObject({
      kind: "choice",
      initial: "CRA",
      options: [{ value: "CRA", label: "Craven" }],
    });
    expect(byName.category?.required).toBe(true);
    expect(byName.description?.required).toBe(false);
    expect(form.context.formKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("tells someone who may not raise problems what to do instead, without a form", async () => {
    const spoc = await workflow.actorFor(POLICE_SPOC);
    const reply = await services.interactions.command(spoc, "raise");
    expect(reply.kind).toBe("message");
    expect(textOf(messageOf(reply, "message"))).toMatch(/officers and coordinators/);
  });

  it("returns each wrong value beside its field and writes nothing", async () => {
    const officer = await workflow.actorFor(OFFICER);
    const form = formOf(await services.interactions.command(officer, "raise"));
    const reply = await services.interactions.submit(officer, "raise", form.context, {
      ...RAISE_VALUES,
      title: " ",
      harm: "7",
      locationReference: "not a postcode",
      description: "x".repeat(4001),
    });
    if (reply.kind !== "invalid") throw new Error(`expected invalid, got ${reply.kind}`);
    expect(Object.keys(reply.errors).sort()).toEqual(["description", "harm", "locationReference", "title"]);
    expect(reply.errors.harm).toMatch(/1 to 4/);
    expect(reply.values.title).toBe(" ");
    expect(reply.form.context.formKey).toBe(form.context.formKey);
    expect(await problemCount()).toBe(0);
  });

  it("raises once however many times the same form is submitted", async () => {
    const officer = await workflow.actorFor(OFFICER);
    const form = formOf(await services.interactions.command(officer, "raise"));
    const first = await services.interactions.submit(officer, "raise", form.context, RAISE_VALUES);
    const again = await services.interactions.submit(officer, "raise", form.context, RAISE_VALUES);
    expect(messageOf(again, "update").summary).toBe(messageOf(first, "update").summary);
    expect(await problemCount()).toBe(1);
    const card = messageOf(first, "update");
    expect(textOf(card)).not.toContain("Mrs Smith");
    expect(buttonsOf(card).map((button) => button.intent)).toContain("problem.details");
  });
});

describe("details on demand", () => {
  it("shows personal details privately to someone in the problem, and refuses anyone else", async () => {
    const officer = await workflow.actorFor(OFFICER);
    const ref = await raise(officer);
    const mine = await services.interactions.press(officer, "problem.details", ref);
    expect(textOf(messageOf(mine, "private"))).toContain("Mrs Smith");

    const outsider = await workflow.actorFor(HARROGATE_POLICE_SPOC);
    const refused = await services.interactions.press(outsider, "problem.details", ref);
    const refusal = textOf(messageOf(refused, "private"));
    expect(refusal).toMatch(/not part of/);
    expect(refusal).not.toContain("Mrs Smith");
  });
});

describe("convening through the form", () => {
  it("suggests partners, and a meeting time in the past adds none of them", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const ref = await raise(await workflow.actorFor(OFFICER));
    const form = formOf(await services.interactions.command(coordinator, `convene ${ref.toLowerCase()}`));
    const partners = form.fields.find((field) => field.name === "partners");
    expect(partners?.kind === "choices" && partners.initial).toContain(
      "North Yorkshire Fire and Rescue Service",
    );

    const reply = await services.interactions.submit(coordinator, "convene", form.context, {
      partners: ["North Yorkshire Fire and Rescue Service"],
      when: "yesterday 10:00",
      durationMinutes: "60",
      kind: "PROBLEM_SOLVING_PANEL",
    });
    if (reply.kind !== "invalid") throw new Error(`expected invalid, got ${reply.kind}`);
    expect(reply.errors.when).toMatch(/passed/);
    expect((await services.problems.show(coordinator, ref)).partners).toEqual([]);
  });

  it("adds the ticked partners and sends one invitation each, once", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const ref = await raise(await workflow.actorFor(OFFICER));
    const form = formOf(await services.interactions.command(coordinator, `convene ${ref}`));
    const values = {
      partners: ["North Yorkshire Fire and Rescue Service"],
      when: "next Tuesday 10:00",
      durationMinutes: "90",
      kind: "PROBLEM_SOLVING_PANEL",
      place: "Skipton Town Hall",
    };
    const reply = await services.interactions.submit(coordinator, "convene", form.context, values);
    expect(textOf(messageOf(reply, "update"))).toMatch(/1 invitation sent/);
    await services.interactions.submit(coordinator, "convene", form.context, values);
    const problem = await services.problems.show(coordinator, ref);
    expect(problem.status).toBe("CONVENED");
    expect(problem.partners.map((partner) => partner.organisationName)).toEqual([
      "North Yorkshire Fire and Rescue Service",
    ]);
    expect(await workflow.temp.store.meeting.count()).toBe(1);
    expect(await workflow.temp.store.outboxMessage.count({ where: { kind: "meeting.invitation" } })).toBe(1);
  });

  it("is refused to anyone but the area's coordinator", async () => {
    const ref = await raise(await workflow.actorFor(OFFICER));
    const reply = await services.interactions.command(await workflow.actorFor(OFFICER), `convene ${ref}`);
    expect(textOf(messageOf(reply, "message"))).toMatch(/coordinator/);
  });

  it("does not offer escalation before a problem is triaged or convened", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const ref = await raise(await workflow.actorFor(OFFICER));
    const card = messageOf(await services.interactions.command(coordinator, `problem ${ref}`), "message");
    expect(buttonsOf(card).map((button) => button.intent)).not.toContain("problem.escalate");
    const reply = await services.interactions.command(coordinator, `escalate ${ref}`);
    expect(textOf(messageOf(reply, "message"))).toMatch(/triage or convene it first/);
    await services.problems.moveTo(coordinator, ref, "TRIAGED");
    expect(formOf(await services.interactions.command(coordinator, `escalate ${ref}`)).id).toBe("escalate");
  });

  it("says so when the reference is unknown or missing", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    expect(
      textOf(messageOf(await services.interactions.command(coordinator, "convene CRA-2026-9999"), "message")),
    ).toMatch(/no problem CRA-2026-9999/);
    expect(textOf(messageOf(await services.interactions.command(coordinator, "close"), "message"))).toMatch(
      /Which problem/,
    );
  });
});

describe("an action's buttons", () => {
  async function taskedAction(): Promise<{ ref: string; actionId: string }> {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const ref = await raise(await workflow.actorFor(OFFICER));
    await services.problems.addPartner(coordinator, ref, "North Yorkshire Police");
    const form = formOf(await services.interactions.command(coordinator, `task ${ref}`));
    const reply = await services.interactions.submit(coordinator, "task", form.context, {
      text: "Patrol Mill Court after dark",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    const accept = buttonsOf(messageOf(reply, "update")).find((button) => button.intent === "action.accept");
    if (!accept) throw new Error("no Accept button on the new action");
    return { ref, actionId: accept.target };
  }

  it("refuses a due date in the past on the form, beside the field", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const ref = await raise(await workflow.actorFor(OFFICER));
    await services.problems.addPartner(coordinator, ref, "North Yorkshire Police");
    const form = formOf(await services.interactions.command(coordinator, `task ${ref}`));
    const reply = await services.interactions.submit(coordinator, "task", form.context, {
      text: "Patrol Mill Court after dark",
      organisation: "North Yorkshire Police",
      due: "1/1/2026",
    });
    if (reply.kind !== "invalid") throw new Error(`expected invalid, got ${reply.kind}`);
    expect(reply.errors.due).toBeDefined();
    expect(await workflow.temp.store.action.count()).toBe(0);
  });

  it("accepts in place, and an out-of-date card shows who got there first", async () => {
    const { actionId } = await taskedAction();
    const spoc = await workflow.actorFor(POLICE_SPOC);
    const accepted = messageOf(await services.interactions.press(spoc, "action.accept", actionId), "update");
    expect(textOf(accepted)).toMatch(/Status: accepted/);
    expect(buttonsOf(accepted).map((button) => button.intent)).toEqual(["action.update", "action.done"]);

    const deputy = await workflow.actorFor(POLICE_DEPUTY);
    const stale = messageOf(await services.interactions.press(deputy, "action.accept", actionId), "update");
    expect(textOf(stale)).toMatch(/already accepted/);
    expect(textOf(stale)).toMatch(/Status: accepted/);
  });

  it("refuses another organisation's contact and leaves the action as it was", async () => {
    const { actionId } = await taskedAction();
    const outsider = await workflow.actorFor(HARROGATE_POLICE_SPOC);
    const reply = await services.interactions.press(outsider, "action.accept", actionId);
    expect(reply.kind).toBe("private");
    expect((await workflow.temp.store.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe(
      "PROPOSED",
    );
  });

  it("declines only with a reason, then shows the declined card", async () => {
    const { actionId } = await taskedAction();
    const spoc = await workflow.actorFor(POLICE_SPOC);
    const form = formOf(await services.interactions.press(spoc, "action.decline", actionId));
    expect(form.context.actionId).toBe(actionId);
    const empty = await services.interactions.submit(spoc, "decline", form.context, { reason: "" });
    if (empty.kind !== "invalid") throw new Error(`expected invalid, got ${empty.kind}`);
    expect(empty.errors.reason).toBeDefined();
    const declined = await services.interactions.submit(spoc, "decline", form.context, {
      reason: "Not a police matter: the council manages the bin store",
    });
    expect(textOf(messageOf(declined, "update"))).toMatch(/Status: declined/);
    expect(buttonsOf(messageOf(declined, "update"))).toEqual([]);
  });

  it("goes from accepted to done with an outcome, and the coordinator closes the problem", async () => {
    const { ref, actionId } = await taskedAction();
    const spoc = await workflow.actorFor(POLICE_SPOC);
    await services.interactions.press(spoc, "action.accept", actionId);
    const done = formOf(await services.interactions.press(spoc, "action.done", actionId));
    const finished = await services.interactions.submit(spoc, "done", done.context, {
      outcome: "Four evening patrols; no fires since",
    });
    expect(textOf(messageOf(finished, "update"))).toMatch(/Status: done/);

    const coordinator = await workflow.actorFor(COORDINATOR);
    const close = formOf(await services.interactions.press(coordinator, "problem.close", ref));
    const closed = await services.interactions.submit(coordinator, "close", close.context, {
      outcome: "No fires for six weeks",
      assessment: "Patrols and the new bin store lock worked",
    });
    expect(textOf(messageOf(closed, "update"))).toMatch(/is closed/);
    expect((await services.problems.show(coordinator, ref)).status).toBe("CLOSED");
  });
});
