// A sender killed mid-send leaves its message pending, marked as being sent. The next sender to
// claim it looks in the person's Slack DM for the message (by the outbox id it carries as metadata)
// before sending: found, it is marked sent and not sent again; not found, or the look-up fails, it
// is sent. Real parts: the outbox on a migrated database, the sender, Slack's platform and client
// against the Web API stand-in.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { operatorActor } from "../src/core/actor.js";
import { Register } from "../src/core/register/register.js";
import { renderOutboxMessage } from "../src/outbox/render.js";
import { OutboxSender } from "../src/outbox/sender.js";
import { SlackPlatform } from "../src/slack/platform.js";
import { createBulkClient } from "../src/slack/web-clients.js";
import { enqueueOutbox, PrismaOutboxStore } from "../src/store/outbox-repository.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const silent = pino({ level: "silent" });
const admin = operatorActor("test operator");
const CLAIM_LAPSED_MS = 3 * 60_000;

const assigned = {
  problemId: "problem-1",
  ref: "CRA-2026-0042",
  title: "Fly-tipping behind the market hall",
  priority: "RED",
  classification: "OFFICIAL_SENSITIVE",
  actionId: "action-1",
  actionText: "Survey the lane for CCTV sites",
  organisationName: "North Yorkshire Police",
  dueOn: "2026-12-04",
};

describe("a send cut off by a crash", () => {
  let temp: TempStore;
  let outbox: PrismaOutboxStore;
  let api: SlackApiStandIn;
  let slack: SlackPlatform;
  // Messages are stamped due with the real clock, so the senders' clock starts just after it.
  let clock: Date;

  beforeEach(async () => {
    temp = await openTempStore();
    outbox = new PrismaOutboxStore(temp.store);
    api = await startSlackApiStandIn({ now: () => clock });
    api.users.set("U0SAMSLACK", "sam@police.example");
    slack = new SlackPlatform({
      client: createBulkClient({ botToken: "xoxb-0000-test", apiUrl: api.apiUrl }, silent),
      link: async () => undefined,
      now: () => clock,
    });
    const register = new Register(new PrismaRegisterRepository(temp.store));
    await register.addArea(admin, { code: "CRA", name: "Craven", board: "North Yorkshire Strategic Board" });
    await register.addOrganisation(admin, { name: "North Yorkshire Police", kind: "police" });
    const sam = await register.addContact(admin, {
      name: "Sam Slack",
      email: "sam@police.example",
      organisation: "North Yorkshire Police",
      areas: "CRA",
      roles: "SPOC",
      slackUserId: "U0SAMSLACK",
    });
    await enqueueOutbox(temp.store, [
      { key: "k1", recipientId: sam.id, kind: "action.assigned", payload: assigned },
    ]);
    clock = new Date(Date.now() + 1_000);
  });
  afterEach(async () => {
    await api.close();
    await temp.dispose();
  });

  const sender = () =>
    new OutboxSender({ store: outbox, platforms: [slack], logger: silent, now: () => clock });
  const row = () => temp.store.outboxMessage.findUniqueOrThrow({ where: { key: "k1" } });
  const posts = () => api.callsTo("chat.postMessage");

  /** What a sender did before it was killed: claimed, noted the send, and (if `reachedSlack`) posted. */
  async function killedMidSend(reachedSlack: boolean): Promise<void> {
    const [claimed] = await outbox.claimDue(clock, 50);
    if (!claimed) throw new Error("nothing was due");
    await outbox.markSending(claimed.id, clock);
    if (reachedSlack) {
      await slack.send(claimed.recipient, {
        ...renderOutboxMessage(claimed.kind, claimed.payload),
        deliveryId: claimed.id,
      });
    }
    clock = new Date(clock.getTime() + CLAIM_LAPSED_MS);
  }

  it("carries the outbox id with the DM, and clears the note once sent", async () => {
    expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const message = await row();
    expect(posts()[0]?.args.metadata).toEqual({
      event_type: "ldg_delivery",
      event_payload: { delivery_id: message.id },
    });
    expect(message).toMatchObject({ state: "SENT", sendingSince: null });
    // A send nobody interrupted needs no look-up.
    expect(api.callsTo("conversations.history")).toHaveLength(0);
  });

  it("is not sent again when Slack already has it", async () => {
    await killedMidSend(true);
    expect(posts()).toHaveLength(1);

    expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(posts()).toHaveLength(1);
    expect(api.callsTo("conversations.history")[0]?.args).toMatchObject({
      channel: "D0SAMSLACK",
      include_all_metadata: "true",
    });
    expect(await row()).toMatchObject({ state: "SENT", sendingSince: null, attempts: 1 });
  });

  it("is sent when Slack never got it", async () => {
    await killedMidSend(false);

    expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(api.callsTo("conversations.history")).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(await row()).toMatchObject({ state: "SENT", sendingSince: null });
  });

  it("looks past another message sent to the same person meanwhile", async () => {
    await killedMidSend(false);
    await slack.send(
      {
        contactId: "x",
        name: "Sam Slack",
        email: "sam@police.example",
        slackUserId: "U0SAMSLACK",
        teamsUserId: null,
        preferredPlatform: null,
      },
      { ...renderOutboxMessage("action.assigned", assigned), deliveryId: "another-outbox-message" },
    );

    await sender().deliverDue();
    expect(posts()).toHaveLength(2);
    expect((await row()).state).toBe("SENT");
  });

  it("is sent again when Slack cannot be asked: twice rather than never", async () => {
    await killedMidSend(true);
    api.failNext("conversations.history", "internal_error");

    expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(posts()).toHaveLength(2);
    expect((await row()).state).toBe("SENT");
  });

  it("looks first after a failed attempt too, which may have arrived before it failed", async () => {
    api.failNext("chat.postMessage", "internal_error");
    expect(await sender().deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const retried = await row();
    expect(retried.sendingSince).not.toBeNull();

    clock = new Date(retried.nextAttemptAt.getTime() + 1_000);
    expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(api.calls.map((call) => call.method).filter((method) => method !== "conversations.open")).toEqual([
      "chat.postMessage (failed)",
      "conversations.history",
      "chat.postMessage",
    ]);
    expect(await row()).toMatchObject({ state: "SENT", sendingSince: null, attempts: 2 });
  });
});
