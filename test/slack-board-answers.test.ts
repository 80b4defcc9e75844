// The Strategic Board answers an escalation from Slack: the escalation reaches a board member's DM
// with Accept, Ask for more and Decline, a press opens the answer form as a modal, and the answer
// is recorded. Through Bolt's real receiver with signed requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFromContact } from "../src/core/actor.js";
import { createServices } from "../src/services.js";
import type { SlackCall } from "./support/slack-api-stand-in.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import { buttonPress, viewSubmission } from "./support/slack-requests.js";

const BOARD_MEMBER = { id: "U0MICHAEL1", email: "michael.hartley@nypolice.example" };
type Button = { action_id: string; value: string };

describe("the board's answer from Slack", () => {
  let harness: SlackHarness;
  let ref: string;

  beforeAll(async () => {
    harness = await startSlackHarness();
    harness.api.users.set(BOARD_MEMBER.id, BOARD_MEMBER.email);
    const services = createServices(harness.app.store);
    const actor = async (email: string) => {
      const contact = await services.register.findByEmail(email);
      if (!contact) throw new Error(`${email} is not in the demo register`);
      return actorFromContact(contact);
    };
    const coordinator = await actor(PEOPLE.coordinator.email);
    const { problem } = await services.problems.raise(await actor(PEOPLE.officer.email), {
      title: "Drug dealing from the flats above the bookmaker",
      area: "CRA",
      category: "DRUGS",
      harm: 3,
      likelihood: 4,
    });
    ref = problem.ref;
    await services.problems.moveTo(coordinator, ref, "ACTIVE");
    const form = await services.interactions.press(coordinator, "problem.escalate", ref);
    if (form.kind !== "form") throw new Error("no escalate form");
    await services.interactions.submit(coordinator, "escalate", form.form.context, {
      reason: "Needs the county's licensing powers",
    });
  });
  afterAll(async () => harness?.close());

  it("opens the answer form from the escalation's button and records the board's answer", async () => {
    const since = harness.api.calls.length;
    await harness.app.outbox.deliverDue();
    const card = harness.api.calls
      .slice(since)
      .find(
        (call: SlackCall) =>
          call.method === "chat.postMessage" && call.args.channel === `D${BOARD_MEMBER.id.slice(1)}`,
      );
    const buttons = ((card?.args.blocks ?? []) as { type: string; elements?: Button[] }[])
      .filter((block) => block.type === "actions")
      .flatMap((block) => block.elements ?? []);
    expect(buttons.map((button) => button.action_id)).toEqual(
      expect.arrayContaining(["escalation.accept", "escalation.more", "escalation.decline"]),
    );
    const more = buttons.find((button) => button.action_id === "escalation.more") as Button;
    const where = {
      channel: String(card?.args.channel),
      ts: String(card?.result?.ts),
      responseUrl: harness.api.responseUrl(),
    };

    await harness.slack.interaction(buttonPress(BOARD_MEMBER, more, where));
    await harness.settle();
    const form = harness.lastOpenedView();
    const blank = await harness.slack.interaction(viewSubmission(BOARD_MEMBER, form, { reason: " " }));
    expect(await blank.json()).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.any(String) },
    });
    expect(await harness.app.store.boardAnswer.count()).toBe(0);

    const answered = await harness.slack.interaction(
      viewSubmission(BOARD_MEMBER, form, { reason: "Which premises licences are involved?" }),
    );
    expect(await answered.text()).toBe("");
    await harness.settle();
    expect(await harness.app.store.boardAnswer.findMany()).toMatchObject([
      { decision: "MORE_INFORMATION", reason: "Which premises licences are involved?" },
    ]);
    expect((await harness.app.store.problem.findUniqueOrThrow({ where: { ref } })).status).toBe("ACTIVE");
  });
});
