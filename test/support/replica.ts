// One replica of the bot's background work, run as its own process by the several-replica test and
// the fault benchmark: the real scheduler and the real outbox sender over one database, delivering
// through Slack's Web API (SLACK_API_URL). It prints `ready` once the store is open, waits for `go`
// on stdin (so that replicas start together), runs the chase slot, then delivers until the outbox is
// empty and the slot's run has finished, and prints what it did as JSON.
//   args: <database url> <slack api url> <slot ISO> <clock start ISO>; REPLICA_LOG=info logs to stderr
import { createInterface } from "node:readline";
import pino from "pino";
import { OutboxSender } from "../../src/outbox/sender.js";
import { createScheduler } from "../../src/schedule/create-scheduler.js";
import { SlackPlatform } from "../../src/slack/platform.js";
import { createBulkClient } from "../../src/slack/web-clients.js";
import { openStore } from "../../src/store/database.js";
import { PrismaOutboxStore } from "../../src/store/outbox-repository.js";
import { TEST_SCHEDULES } from "./schedules.js";

const [databaseUrl, apiUrl, slot, clockStart] = process.argv.slice(2) as [string, string, string, string];
const BATCH = Number(process.env.REPLICA_BATCH ?? 3);
const GIVE_UP_MS = 120_000;

// The clock starts at `clockStart` and runs at real speed: a restarted replica is given a later
// start, as if it came back after the dead one's claims ran out.
const startedAt = Date.now();
const now = () => new Date(Date.parse(clockStart) + (Date.now() - startedAt));
const silent = pino({ level: process.env.REPLICA_LOG ?? "silent" }, pino.destination(2));

const store = await openStore(databaseUrl);
const scheduler = createScheduler(store, TEST_SCHEDULES, "Europe/London", silent, { now });
const outbox = new PrismaOutboxStore(store);
const sender = new OutboxSender({
  store: outbox,
  platforms: [
    new SlackPlatform({
      client: createBulkClient({ botToken: "xoxb-replica", apiUrl }, silent),
      link: async () => undefined,
      now,
    }),
  ],
  logger: silent,
  now,
  batchSize: BATCH,
});

process.stdout.write("ready\n");
const commands = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => commands.once("line", () => resolve()));
// An open stdin would keep the process alive after its work.
commands.close();
process.stdin.destroy();

const ranSlot = await scheduler.runSlot("chase", new Date(slot));
let sent = 0;
const slotKey = `chase:${new Date(slot).toISOString()}`;
const deadline = Date.now() + GIVE_UP_MS;
for (;;) {
  const counts = await sender.deliverDue();
  sent += counts.sent;
  if (counts.retried + counts.failed > 0) throw new Error(`unexpected outcome: ${JSON.stringify(counts)}`);
  const run = await store.jobRun.findUnique({ where: { slotKey }, select: { finishedAt: true } });
  if (run?.finishedAt && (await outbox.depth()) === 0) break;
  if (Date.now() > deadline) throw new Error("the outbox did not empty in time");
  if (counts.sent === 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
await store.$disconnect();
process.stdout.write(`${JSON.stringify({ ranSlot, sent })}\n`);
