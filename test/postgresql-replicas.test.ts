// Several replicas on one PostgreSQL database: two real processes run the scheduler and the outbox
// sender together over a chase run and the messages already waiting. The slot runs once, and every
// message, each reminder among them, reaches Slack exactly once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHASE_SLOT, seedChaseScenario, TASKED_AT } from "./support/chase-scenario.js";
import { startReplica } from "./support/replica-process.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

/** Slack messages per DM channel (D + the user id's digits, as the stand-in opens them). */
function postsPerChannel(slack: SlackApiStandIn): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsTo("chat.postMessage")) {
    const channel = String(call.args.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

describe("two replicas on one PostgreSQL database", () => {
  let workflow: Workflow;
  let slack: SlackApiStandIn;

  beforeEach(async () => {
    workflow = await openWorkflow(TASKED_AT);
    slack = await startSlackApiStandIn();
    for (const [userId, email] of await seedChaseScenario({ ...workflow, store: workflow.temp.store }))
      slack.users.set(userId, email);
  }, 120_000);
  afterEach(async () => {
    await slack.close();
    await workflow.temp.dispose();
  });

  it("run the chase slot once and deliver every message exactly once", async () => {
    const store = workflow.temp.store;
    const waiting = await store.outboxMessage.count();
    const replicas = [1, 2].map(() =>
      startReplica(
        workflow.temp.databaseUrl,
        slack.apiUrl,
        CHASE_SLOT,
        new Date(CHASE_SLOT.getTime() + 5_000),
      ),
    );
    await Promise.all(replicas.map((replica) => replica.ready));
    for (const replica of replicas) replica.go();
    const results = await Promise.all(replicas.map((replica) => replica.result));

    expect(results.filter((result) => result.ranSlot)).toHaveLength(1);
    const messages = await store.outboxMessage.findMany({
      select: { kind: true, state: true, recipient: { select: { slackUserId: true } } },
    });
    const reminders = messages.filter((message) => message.kind === "chase.reminders");
    expect(reminders.length).toBeGreaterThan(10);
    expect(messages.length).toBe(waiting + reminders.length);
    expect(messages.every((message) => message.state === "SENT")).toBe(true);
    // What the replicas say they sent, and what Slack received, is each message once.
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(messages.length);
    const expected = new Map<string, number>();
    for (const message of messages) {
      const channel = `D${message.recipient.slackUserId?.slice(1)}`;
      expected.set(channel, (expected.get(channel) ?? 0) + 1);
    }
    expect(postsPerChannel(slack)).toEqual(expected);
  }, 180_000);
});
