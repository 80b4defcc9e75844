// Slack unreachable for a moment when the bot starts: the start goes on (Bolt's own start-up check
// crashed the process on an unhandled rejection), and the first request asks Slack again and is
// answered. Through Bolt's real receiver with a signed request.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { createLogger } from "../src/log.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { PEOPLE } from "./support/slack-harness.js";
import { SIGNING_SECRET, SlackSender } from "./support/slack-requests.js";

describe("the bot's Slack identity", () => {
  let folder: string;
  let api: SlackApiStandIn;
  let app: RunningApp;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-slack-auth-"));
    api = await startSlackApiStandIn();
    api.users.set(PEOPLE.officer.id, PEOPLE.officer.email);
    // Slack turns the start-up check away.
    api.rateLimitNext("auth.test", 30);
    const config = loadConfig({
      DATABASE_URL: `file:${path.join(folder, "ldg.db")}`,
      SLACK_BOT_TOKEN: "xoxb-0000-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      PLAYGROUND: "off",
      SCHEDULES: "off",
    });
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    await app.outbox.stop();
    await loadDemoRegisterIfEmpty(app.store);
  });

  afterAll(async () => {
    await app?.stop();
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("starts although Slack did not answer its check, and asks again at the first request", async () => {
    expect(api.calls.map((call) => call.method)).toEqual(["auth.test (rate limited)"]);

    const slack = new SlackSender(`${app.url}/slack/events`);
    const response = await slack.slashCommand(PEOPLE.officer, "help", api.responseUrl());
    expect(response.status).toBe(200);
    await app.slack?.settled();

    expect(api.callsTo("auth.test")).toHaveLength(1);
    expect(JSON.stringify(api.callsTo("response_url").at(-1)?.args)).toContain("raise");
    // Known from then on: a second request does not ask again.
    await slack.slashCommand(PEOPLE.officer, "help", api.responseUrl());
    await app.slack?.settled();
    expect(api.callsTo("auth.test")).toHaveLength(1);
  });
});
