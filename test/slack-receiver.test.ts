// Slack's requests through Bolt's real HTTPReceiver on the app's own server: signatures checked,
// the URL handshake answered, /ldg commands answered ephemerally, people outside the register
// told how to be added, and a redelivered event handled once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";

describe("Slack requests on /slack/events", () => {
  let harness: SlackHarness;

  beforeAll(async () => {
    harness = await startSlackHarness();
  });
  afterAll(async () => harness?.close());

  it("answers Slack's url_verification handshake with the challenge", async () => {
    const body = JSON.stringify({
      token: "unused",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const response = await harness.slack.post(body, "application/json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("refuses a forged signature and a stale timestamp with 401, and does nothing", async () => {
    const before = harness.api.calls.length;
    const forged = await harness.slack.slashCommand(PEOPLE.coordinator, "help", harness.api.responseUrl(), {
      secret: "0123456789abcdef0123456789abcdef",
    });
    expect(forged.status).toBe(401);
    const stale = await harness.slack.slashCommand(PEOPLE.coordinator, "help", harness.api.responseUrl(), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(`${harness.app.url}/slack/events`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "command=%2Fldg&text=help",
    });
    expect(unsigned.status).toBe(401);
    await harness.settle();
    expect(harness.api.calls.slice(before)).toEqual([]);
  });

  it("acknowledges /ldg help at once and answers ephemerally through the response URL", async () => {
    const before = harness.api.calls.length;
    const response = await harness.slack.slashCommand(PEOPLE.officer, "help", harness.api.responseUrl());
    expect(response.status).toBe(200);
    await harness.settle();
    const replies = harness.api
      .callsTo("response_url")
      .filter((call) => harness.api.calls.indexOf(call) >= before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args.response_type).toBe("ephemeral");
    expect(JSON.stringify(replies[0]?.args.blocks)).toContain("spoc");
  });

  it("links a Slack user to their register entry by their profile email, once", async () => {
    const linked = await harness.app.store.contact.findUniqueOrThrow({
      where: { email: PEOPLE.officer.email },
    });
    expect(linked.slackUserId).toBe(PEOPLE.officer.id);
    const infoCalls = harness.api.callsTo("users.info").length;
    await harness.slack.slashCommand(PEOPLE.officer, "actions", harness.api.responseUrl());
    await harness.settle();
    expect(harness.api.callsTo("users.info").length).toBe(infoCalls);
  });

  it("tells someone not in the register how to be added, and changes nothing", async () => {
    const contacts = await harness.app.store.contact.count();
    const before = harness.api.calls.length;
    await harness.slack.slashCommand(PEOPLE.stranger, "raise Fires", harness.api.responseUrl());
    await harness.settle();
    const said = harness.saidSince(before);
    expect(said).toContain("can't find you in the Local Delivery Group's register");
    expect(said).not.toMatch(/Error|stack/);
    expect(await harness.app.store.contact.count()).toBe(contacts);
    expect(await harness.app.store.problem.count()).toBe(0);
  });

  it("answers an unknown reference and an unknown command with a clear message", async () => {
    const before = harness.api.calls.length;
    await harness.slack.slashCommand(PEOPLE.coordinator, "problem CRA-2026-9999", harness.api.responseUrl());
    await harness.slack.slashCommand(PEOPLE.coordinator, "convene CRA-2026-9999", harness.api.responseUrl());
    await harness.slack.slashCommand(PEOPLE.coordinator, "spco fire", harness.api.responseUrl());
    await harness.settle();
    const said = harness.saidSince(before);
    expect(said).toContain("There is no problem CRA-2026-9999");
    expect(said).toContain('Did you mean \\"spoc');
    expect(harness.api.calls.slice(before).filter((call) => call.method === "views.open")).toEqual([]);
  });

  it("runs a command typed in the bot's DM once, however often Slack redelivers the event", async () => {
    const before = harness.api.calls.length;
    const event = {
      type: "message",
      channel: "D0SAM00001",
      channel_type: "im",
      user: PEOPLE.officer.id,
      text: "spoc fire",
      ts: "1764100100.000100",
      event_ts: "1764100100.000100",
    };
    expect((await harness.slack.event(event, "Ev0DM000001")).status).toBe(200);
    await harness.settle();
    expect((await harness.slack.event(event, "Ev0DM000001", { retryNum: 1 })).status).toBe(200);
    expect((await harness.slack.event(event, "Ev0DM000001", { retryNum: 2 })).status).toBe(200);
    await harness.settle();
    const posted = harness.api
      .callsTo("chat.postMessage")
      .filter((call) => harness.api.calls.indexOf(call) >= before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.args.channel).toBe("D0SAM00001");
    expect(JSON.stringify(posted[0]?.args.blocks)).toContain("North Yorkshire Fire and Rescue Service");
    expect(await harness.app.store.slackProcessedEvent.count({ where: { eventId: "Ev0DM000001" } })).toBe(1);
  });

  it("ignores the bot's own messages and edits in its DM", async () => {
    const before = harness.api.calls.length;
    await harness.slack.event(
      {
        type: "message",
        subtype: "bot_message",
        channel: "D0SAM00001",
        channel_type: "im",
        bot_id: "BBOT000001",
        text: "help",
        ts: "1764100100.000200",
      },
      "Ev0DM000002",
    );
    await harness.settle();
    expect(harness.api.calls.slice(before).filter((call) => call.method === "chat.postMessage")).toEqual([]);
  });
});
