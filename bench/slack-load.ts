// Slack load benchmark: N correctly signed block_actions (an Accept on an action card, each for an
// action of its own) fired at once at the real bot's Slack receiver, and the same number at a bare
// Bolt app (HTTPReceiver, one handler that only acknowledges) measured in the same run. Slack
// wants every interaction acknowledged within 3 s; the figures are p50 and p99 acknowledgement
// times, absolute and as ratios to the bare app, since these machines are shared and absolute
// times drift. Each receiver runs in a process of its own, apart from the process firing at it.
// Run: npm run bench (after the others), or npx tsx bench/slack-load.ts [BENCH_SLACK_REQUESTS=1000]
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { setImmediate } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { App, HTTPReceiver } from "@slack/bolt";
import { createServices } from "../src/services.js";
import { demoActor } from "../test/support/demo-actor.js";
import { sampleSum } from "../test/support/metrics-text.js";
import { PEOPLE, startSlackHarness } from "../test/support/slack-harness.js";
import { buttonPress, SIGNING_SECRET, signature } from "../test/support/slack-requests.js";

const REQUESTS = Number(process.env.BENCH_SLACK_REQUESTS ?? 1000);
const WARM_UP = 20;
const ACK_DEADLINE_MS = 3_000;
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

type Target = "bare" | "bot";
/** What a receiver's process tells the driver once it listens. */
type Ready = { url: string; actionIds: string[]; responseUrl: string };

// --- The receivers, each in its own process -------------------------------------------------

async function serveBare(): Promise<void> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events" });
  // botId and botUserId given: no auth.test call at start.
  const app = new App({ receiver, token: "xoxb-0000-bench", botId: "BBOT000001", botUserId: "UBOT000001" });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  // The same accept queue as the bot's (app.ts), so that the two differ only in what they run.
  const server = await app.start({ port: 0, host: "127.0.0.1", backlog: 4096 });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the bare app is not listening on a port");
  const actionIds = Array.from({ length: REQUESTS + WARM_UP }, (_, i) => `bare-${i}`);
  announce("READY", { url: `http://127.0.0.1:${address.port}/slack/events`, actionIds, responseUrl: "" });
  await driverIsDone();
  announce("DONE", {});
  await app.stop();
}

async function serveBot(): Promise<void> {
  const harness = await startSlackHarness();
  const services = createServices(harness.app.store);
  const actorOf = (email: string) => demoActor(services, email);
  const coordinator = await actorOf(PEOPLE.coordinator.email);
  const { problem } = await services.problems.raise(await actorOf(PEOPLE.officer.email), {
    title: "Cars racing on the bypass",
    area: "CRA",
    category: "road safety",
    harm: 2,
    likelihood: 3,
  });
  await services.problems.addPartner(coordinator, problem.ref, "North Yorkshire Police", { reason: "roads" });
  const actionIds: string[] = [];
  for (let i = 0; i < REQUESTS + WARM_UP; i++) {
    const action = await services.actions.task(coordinator, problem.ref, {
      text: `Speed check ${i + 1}`,
      organisation: "North Yorkshire Police",
      due: "in 2 weeks",
    });
    actionIds.push(action.id);
    // SQLite answers synchronously, so a loop of writes never lets I/O in: without a pause here, Bolt's
    // auth.test at start-up waits out its timeout and the app fails.
    await setImmediate();
  }
  announce("READY", {
    url: `${harness.app.url}/slack/events`,
    actionIds,
    responseUrl: harness.api.responseUrl(),
  });
  await driverIsDone();
  // Everything begun after the acks is finished before the work is counted.
  await harness.settle();
  const accepted = await harness.app.store.action.count({ where: { status: "ACCEPTED" } });
  // The bot's own view, from its metrics: from reading a request to acknowledging it.
  const metrics = await (await fetch(`${harness.app.url}/metrics`)).text();
  const slack = { route: "slack", method: "POST", status: "200" };
  announce("DONE", {
    accepted,
    cardsUpdated: harness.api.callsTo("chat.update").length,
    ownMeanMs:
      (1000 * sampleSum(metrics, "ldg_http_request_duration_seconds_sum", slack)) /
      sampleSum(metrics, "ldg_http_request_duration_seconds_count", slack),
    ownWithinQuarterSecond: sampleSum(metrics, "ldg_http_request_duration_seconds_bucket", {
      ...slack,
      le: "0.25",
    }),
    ownCount: sampleSum(metrics, "ldg_http_request_duration_seconds_count", slack),
  });
  await harness.close();
}

function announce(word: "READY" | "DONE", body: object): void {
  process.stdout.write(`${word} ${JSON.stringify(body)}\n`);
}

/** Waits for the driver to say it has fired everything (a line on stdin). */
async function driverIsDone(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  await once(lines, "line");
  lines.close();
}

// --- The driver -----------------------------------------------------------------------------

type Ack = { ms: number; status: number };

/** Posts one signed interaction on a connection of its own, as Slack's deliveries arrive; resolves at the ack. */
function press(url: string, body: string): Promise<Ack> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Content-Length": String(Buffer.byteLength(body)),
    "X-Slack-Request-Timestamp": String(timestamp),
    "X-Slack-Signature": signature(SIGNING_SECRET, timestamp, body),
  };
  return new Promise((resolve) => {
    const started = performance.now();
    const sent = request(url, { method: "POST", headers, agent: false }, (response) => {
      const ms = performance.now() - started;
      response.resume();
      response.on("end", () => resolve({ ms, status: response.statusCode ?? 0 }));
    });
    sent.on("error", () => resolve({ ms: performance.now() - started, status: 0 }));
    sent.end(body);
  });
}

function acceptBody(ready: Ready, actionId: string): string {
  const payload = buttonPress(
    PEOPLE.policeSpoc,
    { action_id: "action.accept", value: actionId },
    { channel: "G0PROBLEM1", ts: "1764100000.000900", responseUrl: ready.responseUrl },
  );
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  inTime: number;
  done: Record<string, number>;
}

async function measure(target: Target): Promise<Figures> {
  const child: ChildProcess = spawn(process.execPath, [TSX, THIS_FILE, "--serve", target], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const expect = async (word: string) => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the ${target} receiver ended before saying ${word}`);
      if (value.startsWith(`${word} `)) return JSON.parse(value.slice(word.length + 1));
    }
  };
  const ready = (await expect("READY")) as Ready;
  const warmUp = ready.actionIds.slice(REQUESTS);
  for (const actionId of warmUp) await press(ready.url, acceptBody(ready, actionId));

  const bodies = ready.actionIds.slice(0, REQUESTS).map((actionId) => acceptBody(ready, actionId));
  const acks = await Promise.all(bodies.map((body) => press(ready.url, body)));

  child.stdin?.write("done\n");
  const done = (await expect("DONE")) as Record<string, number>;
  await new Promise((resolve) => child.once("exit", resolve));
  const sorted = acks.map((ack) => ack.ms).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) as number,
    inTime: acks.filter((ack) => ack.status === 200 && ack.ms <= ACK_DEADLINE_MS).length,
    done,
  };
}

async function drive(): Promise<void> {
  const bare = await measure("bare");
  const bot = await measure("bot");
  const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
  const row = (name: string, f: Figures) =>
    `${name.padEnd(16)}${ms(f.p50)}${ms(f.p99)}${ms(f.max)}   ${f.inTime}/${REQUESTS}`;
  console.log(
    `Slack load benchmark: ${REQUESTS} signed block_actions (Accept) fired at once at each receiver`,
  );
  console.log(
    `${"".padEnd(16)}${"p50".padStart(11)}${"p99".padStart(11)}${"max".padStart(11)}   acked within 3 s`,
  );
  console.log(row("bare Bolt app", bare));
  console.log(row("ldg-bot", bot));
  const ratio = (value: number) => `${value.toFixed(1).padStart(9)}x `;
  console.log(`${"ldg-bot / bare".padEnd(16)}${ratio(bot.p50 / bare.p50)}${ratio(bot.p99 / bare.p99)}`);
  console.log(
    `ldg-bot's own time from reading a request to its ack (its metrics): mean ${bot.done.ownMeanMs?.toFixed(1)} ms, ` +
      `${bot.done.ownWithinQuarterSecond} of ${bot.done.ownCount} within 0.25 s (warm-up included)`,
  );
  console.log(
    `after the acks, ldg-bot accepted ${bot.done.accepted} actions and updated ${bot.done.cardsUpdated} cards`,
  );
  const allInTime = bare.inTime === REQUESTS && bot.inTime === REQUESTS;
  console.log(allInTime ? "every interaction was acknowledged within 3 s" : "SOME ACKS WERE LATE OR FAILED");
  process.exitCode = allInTime ? 0 : 1;
}

const [mode, target] = process.argv.slice(2);
if (mode === "--serve") {
  if (target === "bare") await serveBare();
  else if (target === "bot") await serveBot();
  else throw new Error(`unknown receiver ${target}: expected bare or bot`);
} else {
  await drive();
}
