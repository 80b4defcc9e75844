// Slack as an outbox channel, against the Web API stand-in: a DM with the card, the calendar file
// uploaded beside it, people found by email and linked, the unreachable reported as such, and a
// 429 honoured: every Slack send waits out Retry-After, then goes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../src/chat/message.js";
import { type Recipient, RecipientUnreachable, RetryLater } from "../src/chat/platform.js";
import { actorFromContact } from "../src/core/actor.js";
import { createLogger } from "../src/log.js";
import { openProblemsTrendSpec } from "../src/reports/chart-specs.js";
import { createServices } from "../src/services.js";
import { SlackPlatform } from "../src/slack/platform.js";
import { createBulkClient } from "../src/slack/web-clients.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";

const rachel: Recipient = {
  contactId: "c-rachel",
  name: "Rachel Moorhouse",
  email: "rachel.moorhouse@nypolice.example",
  slackUserId: null,
  teamsUserId: null,
  preferredPlatform: "SLACK",
};

describe("Slack as an outbox channel", () => {
  let api: SlackApiStandIn;
  let platform: SlackPlatform;
  const clock = { now: new Date("2026-11-26T09:00:00Z") };
  const linked: string[] = [];

  beforeAll(async () => {
    api = await startSlackApiStandIn();
    api.users.set("U0RACHEL01", rachel.email);
    platform = new SlackPlatform({
      client: createBulkClient({ botToken: "xoxb-0000-test", apiUrl: api.apiUrl }, createLogger("silent")),
      link: async (userId, email) => linked.push(`${userId} ${email}`),
      now: () => clock.now,
    });
  });
  afterAll(async () => api?.close());

  it("finds someone by email, links them, and sends the card and its calendar file to their DM", async () => {
    expect(platform.canReach(rachel)).toBe(true);
    await platform.send(rachel, {
      message: textMessage("Meeting on CRA-2026-0001"),
      attachments: [
        {
          filename: "invitation.ics",
          contentType: "text/calendar",
          content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        },
      ],
    });
    expect(linked).toEqual([`U0RACHEL01 ${rachel.email}`]);
    expect(api.calls.map((call) => call.method)).toEqual([
      "users.lookupByEmail",
      "conversations.open",
      "chat.postMessage",
      "files.getUploadURLExternal",
      "file_upload",
      "files.completeUploadExternal",
    ]);
    expect(api.callsTo("chat.postMessage")[0]?.args).toMatchObject({
      channel: "D0RACHEL01",
      text: "Meeting on CRA-2026-0001",
    });
    // Uploaded as multipart form data, as the Web API client does.
    expect(api.callsTo("file_upload")[0]?.args.content).toContain("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    expect(api.callsTo("files.completeUploadExternal")[0]?.args.channel_id).toBe("D0RACHEL01");
  });

  it("sends a digest's charts as PNG pictures after the message that says them in words", async () => {
    api.calls.length = 0;
    const spec = openProblemsTrendSpec([
      { weekEnding: "2026-11-17", priority: "RED", open: 2 },
      { weekEnding: "2026-11-24", priority: "RED", open: 3 },
    ]);
    const alt = "RED: 2 at 17/11/2026, 3 at 24/11/2026";
    await platform.send(rachel, {
      message: {
        summary: "Craven weekly digest",
        blocks: [{ kind: "chart", title: "Open problems by priority, last 12 weeks", lines: [alt], spec }],
      },
    });
    const posted = api.callsTo("chat.postMessage").at(-1)?.args as { blocks: unknown[] };
    expect(JSON.stringify(posted.blocks)).toContain(alt);
    expect(api.calls.map((call) => call.method).slice(-4)).toEqual([
      "chat.postMessage",
      "files.getUploadURLExternal",
      "file_upload",
      "files.completeUploadExternal",
    ]);
    expect(api.callsTo("files.getUploadURLExternal").at(-1)?.args).toMatchObject({
      filename: "open-problems-by-priority-last-12-weeks.png",
      alt_text: alt,
    });
    const upload = api.callsTo("file_upload").at(-1)?.args.bytes as Buffer;
    expect(upload.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(api.callsTo("files.completeUploadExternal").at(-1)?.args.channel_id).toBe("D0RACHEL01");
  });

  it("reports someone Slack does not know, or no longer has, as unreachable (the next channel is tried)", async () => {
    const stranger = { ...rachel, email: "nobody@elsewhere.example" };
    await expect(platform.send(stranger, { message: textMessage("x") })).rejects.toBeInstanceOf(
      RecipientUnreachable,
    );
    const departed = { ...rachel, slackUserId: "U0GONE0001" };
    await expect(platform.send(departed, { message: textMessage("x") })).rejects.toBeInstanceOf(
      RecipientUnreachable,
    );
  });

  it("waits out a 429's Retry-After for every send, without calling Slack meanwhile, then sends", async () => {
    const linkedRachel = { ...rachel, slackUserId: "U0RACHEL01" };
    api.rateLimitNext("conversations.open", 120);
    const limited = await platform
      .send(linkedRachel, { message: textMessage("first") })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RetryLater);
    expect((limited as RetryLater).retryAfterMs).toBe(120_000);

    const calls = api.calls.length;
    clock.now = new Date(clock.now.getTime() + 60_000);
    const stillPaused = await platform
      .send(linkedRachel, { message: textMessage("second") })
      .catch((error: unknown) => error);
    expect(stillPaused).toBeInstanceOf(RetryLater);
    expect((stillPaused as RetryLater).retryAfterMs).toBe(60_000);
    expect(api.calls.length).toBe(calls);

    clock.now = new Date(clock.now.getTime() + 61_000);
    await platform.send(linkedRachel, { message: textMessage("third") });
    expect(api.callsTo("chat.postMessage").at(-1)?.args.text).toBe("third");
  });
});

describe("the outbox sending through Slack", () => {
  let harness: SlackHarness;

  beforeAll(async () => {
    harness = await startSlackHarness();
  });
  afterAll(async () => harness?.close());

  it("puts a rate-limited message off for at least Slack's Retry-After, and calls Slack for nothing while the pause lasts", async () => {
    const services = createServices(harness.app.store);
    const officer = await services.register.findByEmail(PEOPLE.officer.email);
    if (!officer) throw new Error("the demo officer is missing");
    await services.problems.raise(actorFromContact(officer), {
      title: "Graffiti on the bus shelter",
      area: "CRA",
      category: "other",
      harm: 1,
      likelihood: 2,
    });
    harness.api.rateLimitNext("chat.postMessage", 900);
    const startedAt = Date.now();
    const counts = await harness.app.outbox.deliverDue();
    expect(counts.retried).toBeGreaterThan(0);
    const toCoordinator = await harness.app.store.outboxMessage.findFirstOrThrow({
      where: { kind: "problem.raised", recipient: { email: PEOPLE.coordinator.email } },
    });
    expect(toCoordinator.state).toBe("PENDING");
    expect(toCoordinator.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(startedAt + 900_000);
    expect(toCoordinator.lastError).toMatch(/rate limited/);

    // Even when the message falls due again early, nothing goes to Slack before its pause ends.
    await harness.app.store.outboxMessage.update({
      where: { id: toCoordinator.id },
      data: { nextAttemptAt: new Date(0) },
    });
    const posted = harness.api.callsTo("chat.postMessage").length;
    expect((await harness.app.outbox.deliverDue()).sent).toBe(0);
    expect(harness.api.callsTo("chat.postMessage").length).toBe(posted);
  });
});
