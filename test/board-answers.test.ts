// The Strategic Board answers an escalation from its message: accept, ask for more or decline, each
// with a reason; the answer reaches the LDG and stays on the problem. Through the shared
// interactions on a real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatForm } from "../src/chat/form.js";
import type { ChatMessage } from "../src/chat/message.js";
import type { Reply } from "../src/chat/reply.js";
import { Chasing } from "../src/core/chasing/chasing.js";
import { renderOutboxMessage } from "../src/outbox/render.js";
import { type AppServices, createServices } from "../src/services.js";
import { PrismaChaseRepository } from "../src/store/chase-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const COORDINATOR = "coordinator.craven@ldg.example";
const OFFICER = "sam.holmes@nyfrs.example";
const BOARD_MEMBER = "michael.hartley@nypolice.example";
const OTHER_BOARD_MEMBER = "catherine.bowes@northyorks.example";
const SELBY_BOARD_MEMBER = "ian.robson@nyfrs.example";

let workflow: Workflow;
let services: AppServices;
let ref: string;

function formOf(reply: Reply): ChatForm {
  if (reply.kind !== "form") throw new Error(`expected a form, got ${reply.kind}: ${JSON.stringify(reply)}`);
  return reply.form;
}

function textOf(message: ChatMessage): string {
  return JSON.stringify(message.blocks);
}

async function escalate(reason = "Needs the county's licensing powers to close the premises") {
  const coordinator = await workflow.actorFor(COORDINATOR);
  const form = formOf(await services.interactions.press(coordinator, "problem.escalate", ref));
  const reply = await services.interactions.submit(coordinator, "escalate", form.context, { reason });
  expect(reply.kind).toBe("update");
}

beforeEach(async () => {
  workflow = await openWorkflow(new Date("2026-11-25T10:00:00Z"));
  services = createServices(workflow.temp.store, { now: () => workflow.clock.now });
  const { problem } = await workflow.problems.raise(await workflow.actorFor(OFFICER), {
    title: "Drug dealing from the flats above the bookmaker",
    area: "CRA",
    category: "DRUGS",
    harm: 3,
    likelihood: 4,
  });
  ref = problem.ref;
  await services.problems.moveTo(await workflow.actorFor(COORDINATOR), ref, "ACTIVE");
  await escalate();
});
afterEach(async () => {
  await workflow.temp.dispose();
});

describe("answering an escalation", () => {
  it("sends each board member the escalation with Accept, Ask for more and Decline", async () => {
    const board = await workflow.temp.store.outboxMessage.findMany({ where: { kind: "problem.escalated" } });
    expect(board).toHaveLength(2);
    const { message } = renderOutboxMessage("problem.escalated", board[0]?.payload);
    const intents = message.blocks.flatMap((block) => (block.kind === "buttons" ? block.buttons : []));
    expect(intents.map((button) => [button.label, button.intent, button.target])).toEqual([
      ["Details", "problem.details", ref],
      ["Accept", "escalation.accept", ref],
      ["Ask for more", "escalation.more", ref],
      ["Decline", "escalation.decline", ref],
    ]);
  });

  it("asks for more with a reason: the problem goes back to the LDG, who hear why", async () => {
    const member = await workflow.actorFor(BOARD_MEMBER);
    const form = formOf(await services.interactions.press(member, "escalation.more", ref));
    expect(form.fields.find((field) => field.name === "decision")).toMatchObject({
      initial: "MORE_INFORMATION",
    });

    const empty = await services.interactions.submit(member, "answer", form.context, {
      decision: "MORE_INFORMATION",
      reason: "",
    });
    if (empty.kind !== "invalid") throw new Error(`expected invalid, got ${empty.kind}`);
    expect(empty.errors.reason).toBeDefined();
    expect(await workflow.temp.store.boardAnswer.count()).toBe(0);

    const values = {
      decision: "MORE_INFORMATION",
      reason: "Which licences are involved, and who holds them?",
    };
    const answered = await services.interactions.submit(member, "answer", form.context, values);
    await services.interactions.submit(member, "answer", form.context, values);
    expect(await workflow.temp.store.boardAnswer.count()).toBe(1);
    if (answered.kind !== "update") throw new Error(`expected update, got ${answered.kind}`);
    expect(textOf(answered.message)).toContain("Michael Hartley asked for more information");

    const coordinator = await workflow.actorFor(COORDINATOR);
    expect((await services.problems.show(coordinator, ref)).status).toBe("ACTIVE");
    const told = await workflow.temp.store.outboxMessage.findMany({
      where: { kind: "escalation.answered" },
      include: { recipient: { select: { email: true } } },
    });
    expect(told.map((entry) => entry.recipient.email).sort()).toEqual([
      "coordinator.craven@ldg.example",
      "demo@ldg.example",
      OFFICER,
    ]);
    const { message } = renderOutboxMessage("escalation.answered", told[0]?.payload);
    expect(message.summary).toMatch(new RegExp(`^The Strategic Board asked for more information on ${ref} `));

    const card = await services.interactions.command(coordinator, `problem ${ref}`);
    if (card.kind !== "message") throw new Error(`expected message, got ${card.kind}`);
    expect(textOf(card.message)).toContain("Escalated");
    expect(textOf(card.message)).toContain("Which licences are involved");
  });

  it("accepts: the problem stays with the board, and a second answer to the same escalation is refused", async () => {
    const member = await workflow.actorFor(BOARD_MEMBER);
    const form = formOf(await services.interactions.press(member, "escalation.accept", ref));
    await services.interactions.submit(member, "answer", form.context, {
      decision: "ACCEPTED",
      reason: "The licensing committee will review the premises licence",
    });
    const coordinator = await workflow.actorFor(COORDINATOR);
    expect((await services.problems.show(coordinator, ref)).status).toBe("ESCALATED");

    const other = await workflow.actorFor(OTHER_BOARD_MEMBER);
    const late = formOf(await services.interactions.press(other, "escalation.decline", ref));
    const refused = await services.interactions.submit(other, "answer", late.context, {
      decision: "DECLINED",
      reason: "Not for the board",
    });
    if (refused.kind !== "invalid") throw new Error(`expected invalid, got ${refused.kind}`);
    expect(refused.summary).toMatch(/Michael Hartley has already accepted/);
    expect(await workflow.temp.store.boardAnswer.count()).toBe(1);
  });

  it("can be answered again once the LDG escalates again with more", async () => {
    const member = await workflow.actorFor(BOARD_MEMBER);
    const first = formOf(await services.interactions.press(member, "escalation.more", ref));
    await services.interactions.submit(member, "answer", first.context, {
      decision: "MORE_INFORMATION",
      reason: "Which licences are involved?",
    });
    workflow.clock.now = new Date("2026-11-27T10:00:00Z");
    await escalate("The premises licence is held by the bookmaker's parent company");
    const second = formOf(await services.interactions.press(member, "escalation.accept", ref));
    const reply = await services.interactions.submit(member, "answer", second.context, {
      decision: "ACCEPTED",
      reason: "Licensing committee to review",
    });
    expect(reply.kind).toBe("update");
    expect(await workflow.temp.store.boardAnswer.count()).toBe(2);
  });

  it("is only for the area's board members: others are refused and nothing changes", async () => {
    for (const email of [COORDINATOR, SELBY_BOARD_MEMBER]) {
      const reply = await services.interactions.press(
        await workflow.actorFor(email),
        "escalation.decline",
        ref,
      );
      expect(reply.kind).toBe("private");
      if (reply.kind === "private")
        expect(textOf(reply.message)).toMatch(/Strategic Board members|not part of/);
    }
    expect(await workflow.temp.store.boardAnswer.count()).toBe(0);
  });

  it("is chased to the area's board members after 10 working days unanswered, and no more once answered", async () => {
    const chasing = new Chasing(new PrismaChaseRepository(workflow.temp.store));
    const boardReminders = async () => {
      const rows = await workflow.temp.store.outboxMessage.findMany({
        where: { kind: "chase.reminders" },
        include: { recipient: { select: { email: true } } },
      });
      return rows
        .filter((row) => JSON.stringify(row.payload).includes("escalation.unanswered"))
        .map((row) => row.recipient.email)
        .sort();
    };
    // Escalated on Wednesday 25 November 2026; the tenth working day after is Wednesday 9 December.
    await chasing.run("chase:2026-12-08T10", new Date("2026-12-08T10:00:00Z"));
    expect(await boardReminders()).toEqual([]);
    await chasing.run("chase:2026-12-09T10", new Date("2026-12-09T10:00:00Z"));
    expect(await boardReminders()).toEqual([BOARD_MEMBER, OTHER_BOARD_MEMBER].sort());
    const reminder = await workflow.temp.store.outboxMessage.findFirstOrThrow({
      where: { kind: "chase.reminders", recipient: { email: BOARD_MEMBER } },
    });
    const { message } = renderOutboxMessage("chase.reminders", reminder.payload);
    expect(JSON.stringify(message.blocks)).toContain("Escalations waiting for the board's answer");

    workflow.clock.now = new Date("2026-12-10T09:00:00Z");
    const member = await workflow.actorFor(BOARD_MEMBER);
    const form = formOf(await services.interactions.press(member, "escalation.accept", ref));
    await services.interactions.submit(member, "answer", form.context, {
      decision: "ACCEPTED",
      reason: "Licensing committee to review",
    });
    await chasing.run("chase:2026-12-14T10", new Date("2026-12-14T10:00:00Z"));
    expect(await boardReminders()).toEqual([BOARD_MEMBER, OTHER_BOARD_MEMBER].sort());
  });
});
