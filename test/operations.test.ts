// The running bot's operations over real HTTP: /readyz, /metrics after real work (Teams replies,
// outbox deliveries, a chase run), and a graceful stop that lets a request in flight finish, or
// cuts it at the deadline.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import { openStore } from "../src/store/database.js";
import { PrismaJobRuns } from "../src/store/job-run-repository.js";
import {
  type ConnectorStandIn,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { type LogLine, logLines } from "./support/log-lines.js";
import { sampleSum } from "./support/metrics-text.js";

/** A daily cron slot one minute ago (UTC): caught up at start, and not due again during the test. */
function dailySlotAMinuteAgo(): string {
  const slot = new Date(Date.now() - 60_000);
  return `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
}

let folder: string;
let connector: ConnectorStandIn;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "ldg-ops-"));
  connector = await startConnectorStandIn();
});

afterAll(async () => {
  await connector?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function startBot(name: string): Promise<{ app: RunningApp; log: LogLine[] }> {
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(folder, `${name}.db`)}`,
    PLAYGROUND: "off",
    TZ: "UTC",
    CHASE_SCHEDULE: dailySlotAMinuteAgo(),
    // Digests far from today, so that only the chase is caught up at start.
    WEEKLY_DIGEST_SCHEDULE: "0 8 1 1 *",
    BOARD_DIGEST_SCHEDULE: "0 8 1 1 *",
  });
  // The bot ran the chase yesterday, so the slot a minute ago was missed while it was down.
  const store = await openStore(config.databaseUrl);
  const yesterday = new Date(Date.now() - 24 * 60 * 60_000);
  const slotKey = `chase:${yesterday.toISOString()}`;
  const jobRuns = new PrismaJobRuns(store);
  await jobRuns.claim(slotKey, "chase", yesterday, yesterday, 60_000);
  await jobRuns.finish(slotKey, yesterday, { messages: 0 }, null);
  await store.$disconnect();
  const log = logLines();
  const app = await startApp({ ...config, port: 0 }, createLogger("info", log));
  return { app, log: log.lines };
}

function say(app: RunningApp, text: string, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(teamsMessage(connector.serviceUrl, text)),
  });
}

describe("readiness and metrics", () => {
  let app: RunningApp;

  beforeAll(async () => {
    ({ app } = await startBot("metrics"));
    // The test delivers the outbox itself, so that the figures can be compared with the table.
    await app.outbox.stop();
  });

  afterAll(async () => {
    await app?.stop();
  });

  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  it("is live and ready once started", async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("counts the chase run caught up at start, by its outcome", async () => {
    // Yesterday's run (recorded before the start), and the one caught up.
    const runs = await app.store.jobRun.findMany({
      where: { job: "chase", finishedAt: { not: null } },
      orderBy: { slotAt: "desc" },
    });
    expect(runs).toHaveLength(2);
    const counts = runs[0]?.counts as { messages: number; skipped?: string };
    const text = await scrape();
    // Outside 08:00-18:00 on a working day the run is skipped; inside it, it is done.
    const outcome = counts.skipped ? "skipped" : "done";
    expect(sampleSum(text, "ldg_chase_runs_total", { outcome })).toBe(1);
    expect(sampleSum(text, "ldg_chase_runs_total")).toBe(1);
    expect(sampleSum(text, "ldg_chase_messages_decided_total")).toBe(counts.messages);
    expect(sampleSum(text, "ldg_scheduled_job_runs_total", { job: "chase", outcome: "done" })).toBe(1);
  });

  it("counts messages sent and failed by channel and kind, and the outbox's depth, as the table has them", async () => {
    // The local demo user speaks first, so Teams can reach them.
    expect((await say(app, "help")).status).toBe(200);
    const services = createServices(app.store);
    const sam = await services.register.findByEmail("sam.holmes@nyfrs.example");
    if (!sam) throw new Error("the demo register has no Sam Holmes");
    await services.problems.raise(actorFromContact(sam), {
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      title: "Deliberate fires on the moor",
      area: "CRA",
    });
    const pending = await app.store.outboxMessage.count({ where: { state: "PENDING" } });
    expect(pending).toBeGreaterThan(1);
    expect(sampleSum(await scrape(), "ldg_outbox_depth")).toBe(pending);

    await app.outbox.deliverDue();
    const text = await scrape();
    const byState = async (state: "SENT" | "FAILED") =>
      app.store.outboxMessage.count({ where: { kind: "problem.raised", state } });
    const sent = await byState("SENT");
    const failed = await byState("FAILED");
    expect(sent).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    expect(sampleSum(text, "ldg_messages_sent_total", { channel: "TEAMS", kind: "problem.raised" })).toBe(
      sent,
    );
    // Those not in Teams have no other channel yet: failed with no channel that could take them.
    expect(sampleSum(text, "ldg_messages_failed_total", { channel: "none", kind: "problem.raised" })).toBe(
      failed,
    );
    expect(sampleSum(text, "ldg_outbox_depth")).toBe(
      await app.store.outboxMessage.count({ where: { state: "PENDING" } }),
    );
    expect(
      sampleSum(text, "ldg_http_request_duration_seconds_count", { route: "teams", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe("a graceful stop", () => {
  it("stops taking requests at once, lets the one in flight finish, then closes", async () => {
    const { app, log } = await startBot("drain");
    const reply = connector.holdNextReply();
    const order: string[] = [];
    const inFlight = say(app, "help", { "X-Request-Id": "in-flight-1" });
    await reply.arrived;

    const stopping = app.stop({ graceMs: 10_000 }).then(() => order.push("stopped"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual([]);
    // No new connections once stopping has begun.
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();

    reply.release();
    await stopping;
    // Answered in full, not cut: the stop waited for it.
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(order).toEqual(["stopped"]);
    expect(connector.replies.map(replyText).join("\n")).toContain("spoc");
    const handled = log.find((line) => line.requestId === "in-flight-1" && line.msg === "request handled");
    expect(handled).toMatchObject({ route: "teams", status: 200 });
    expect(log.some((line) => line.msg === "stopped before all work in flight had finished")).toBe(false);
  });

  it("cuts what is still in flight at the deadline, and still closes", async () => {
    const { app, log } = await startBot("deadline");
    const reply = connector.holdNextReply();
    const inFlight = say(app, "help");
    await reply.arrived;

    const started = Date.now();
    await app.stop({ graceMs: 300 });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3_000);
    await expect(inFlight).rejects.toThrow();
    expect(log.find((line) => line.msg === "stopped before all work in flight had finished")).toMatchObject({
      unfinished: ["http"],
    });
    reply.release();
  });
});
