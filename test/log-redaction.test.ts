// Secrets and personal details never reach the logs: the logger's own rules on crafted objects,
// then the whole bot, logging at trace, driven through Slack with known secrets and personal
// details, including failures (Slack's Web API gone) whose errors carry the requests they made.
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
import { buttonPress, SIGNING_SECRET, SlackSender, viewSubmission } from "./support/slack-requests.js";

const BOT_TOKEN = "xoxb-1111-2222-knownbottokenvalue";
const PERSONAL = ["Ada Knownperson", "7 Private Road", "07700 900123"] as const;

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe("the logger's rules", () => {
  it("censors secret and personal fields at any depth, in errors too, and scrubs strings", () => {
    const { lines, stream } = capture();
    const logger = createLogger("trace", stream);
    const failure = Object.assign(new Error(`users.info failed for ${PEOPLE.officer.email}`), {
      original: Object.assign(new Error("connect ECONNREFUSED"), {
        config: { headers: { Authorization: `Bearer ${BOT_TOKEN}` }, data: `token=${BOT_TOKEN}&user=U1` },
      }),
    });
    logger.error({ err: failure, outboxId: "ob-1" }, "Slack request failed");
    logger.info(
      {
        contact: { id: "c-1", email: PEOPLE.officer.email, phone: PERSONAL[2] },
        problem: {
          ref: "CRA-2026-0001",
          details: { victimOrTarget: PERSONAL[0], locationText: PERSONAL[1] },
        },
        settings: { signingSecret: SIGNING_SECRET, appPassword: "pw-123456" },
        headers: { authorization: "Bearer abc.def.ghi" },
      },
      `posted with ${BOT_TOKEN} for ${PEOPLE.coordinator.email}`,
    );
    const logged = lines.join("");
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, "pw-123456", "abc.def.ghi", ...PERSONAL])
      expect(logged).not.toContain(secret);
    expect(logged).not.toContain(PEOPLE.officer.email);
    expect(logged).not.toContain(PEOPLE.coordinator.email);
    // What helps an operator stays.
    expect(logged).toContain("ob-1");
    expect(logged).toContain("CRA-2026-0001");
    expect(logged).toContain("ECONNREFUSED");
    expect(logged).toContain('"msg":"posted with [redacted] for [email]"');
  });
});

describe("the bot's logs", () => {
  const { lines, stream } = capture();
  let folder: string;
  let api: SlackApiStandIn;
  let app: RunningApp;
  let slack: SlackSender;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-logs-"));
    api = await startSlackApiStandIn();
    for (const person of Object.values(PEOPLE)) api.users.set(person.id, person.email);
    const config = loadConfig({
      DATABASE_URL: `file:${path.join(folder, "ldg.db")}`,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      SCHEDULES: "off",
    });
    app = await startApp({ ...config, port: 0 }, createLogger("trace", stream));
    await app.outbox.stop();
    await loadDemoRegisterIfEmpty(app.store);
    slack = new SlackSender(`${app.url}/slack/events`);
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await app.slack?.settled();
    }
  };

  it("hold no token, secret, email or personal detail, even when everything fails", async () => {
    // A problem raised with personal details, as an officer would.
    await slack.slashCommand(PEOPLE.officer, `raise Shed fire at ${PERSONAL[1]}`, api.responseUrl());
    await settle();
    const view = api.callsTo("views.open").at(-1)?.args.view as Parameters<typeof viewSubmission>[1];
    await slack.interaction(
      viewSubmission(PEOPLE.officer, view, {
        category: "FIRE_RISK",
        harm: "3",
        likelihood: "2",
        description: `${PERSONAL[0]} (${PERSONAL[2]}) saw it`,
        locationText: PERSONAL[1],
      }),
    );
    await settle();
    expect(await app.store.problem.count()).toBe(1);
    await slack.slashCommand(PEOPLE.officer, "raise", api.responseUrl(), { secret: "0".repeat(32) });

    // Slack's Web API goes away: identity look-ups, replies and deliveries fail and are logged.
    await api.close();
    await slack.slashCommand(PEOPLE.coordinator, `problem ${PERSONAL[0]}`, api.responseUrl());
    await slack.interaction(
      buttonPress(
        PEOPLE.officer,
        { action_id: "problem.details", value: "CRA-2026-0001" },
        {
          channel: `D${PEOPLE.officer.id.slice(1)}`,
          ts: "1764100000.000900",
          responseUrl: api.responseUrl(),
        },
      ),
    );
    await settle();
    await app.outbox.deliverDue();

    const logged = lines.join("");
    expect(lines.some((line) => JSON.parse(line).level >= 40)).toBe(true);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, ...PERSONAL]) expect(logged).not.toContain(secret);
    for (const person of Object.values(PEOPLE)) expect(logged).not.toContain(person.email);
    expect(logged).not.toMatch(/xox[bpa]-|Bearer [A-Za-z0-9]/);
  });
});
