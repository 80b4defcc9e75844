// Fault run: a replica (the real scheduler and outbox sender, test/support/replica.ts) is killed
// with SIGKILL while it delivers a chase run, at a random moment, and a new one is started on the
// same database. Slack is a local stand-in that records every message and answers conversations.history,
// where the new replica looks for the message the killed one was sending. Counts, for each database
// and round: the messages due, the reminders among them, and those Slack got twice or never.
// Run: npm run bench:sigkill   (BENCH_SIGKILL_ROUNDS, default 3; PostgreSQL from TEST_POSTGRES_URL
// or a throwaway cluster from Debian's binaries, skipped with a notice when neither is there)
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Actions } from "../src/core/actions/actions.js";
import { actorFromContact } from "../src/core/actor.js";
import { Problems } from "../src/core/problems/problems.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { openStore, type Store } from "../src/store/database.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { PrismaWorkflowRepository } from "../src/store/workflow-repository.js";
import { CHASE_SLOT, seedChaseScenario, TASKED_AT } from "../test/support/chase-scenario.js";
import {
  administer,
  databaseUrl,
  type PostgresCluster,
  postgresBinaries,
  startPostgresCluster,
} from "../test/support/postgres-cluster.js";
import { startReplica } from "../test/support/replica-process.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "../test/support/slack-api-stand-in.js";

const ROUNDS = Number(process.env.BENCH_SIGKILL_ROUNDS ?? 3);
/** The killed replica's clock starts just after the slot; the new one's after its claims (2 minutes) ran out. */
const FIRST_CLOCK = new Date(CHASE_SLOT.getTime() + 5_000);
const RESTART_CLOCK = new Date(CHASE_SLOT.getTime() + 5_000 + 3 * 60_000);
/** The kill comes after Slack has received 1 to this many of the run's reminders, then up to KILL_JITTER_MS later. */
const MOST_REMINDERS_BEFORE_KILL = 20;
const KILL_JITTER_MS = 150;

interface RoundFigures {
  due: number;
  reminders: number;
  /** Reminders Slack had received when the replica was killed. */
  remindersBeforeKill: number;
  /** Messages the new replica found cut off mid-send, and looked for in Slack before sending again. */
  lookedUp: number;
  duplicates: number;
  missing: number;
  notSent: number;
}

async function seed(store: Store, slack: SlackApiStandIn): Promise<void> {
  await loadDemoRegisterIfEmpty(store);
  const repository = new PrismaWorkflowRepository(store);
  const register = new PrismaRegisterRepository(store);
  const users = await seedChaseScenario({
    store,
    problems: new Problems(repository, () => TASKED_AT),
    actions: new Actions(repository, () => TASKED_AT),
    async actorFor(email) {
      const contact = await register.findContactByEmail(email);
      if (!contact) throw new Error(`${email} is not in the demo register`);
      return actorFromContact(contact);
    },
  });
  for (const [userId, email] of users) slack.users.set(userId, email);
}

function postCount(slack: SlackApiStandIn): number {
  return slack.callsTo("chat.postMessage").length;
}

async function round(url: string): Promise<RoundFigures> {
  // Slack stamps messages on the replicas' clock, so that they can look back from their own time.
  const startedAt = Date.now();
  const slack = await startSlackApiStandIn({
    now: () => new Date(FIRST_CLOCK.getTime() + Date.now() - startedAt),
  });
  const store = await openStore(url);
  try {
    await seed(store, slack);
    const waiting = await store.outboxMessage.count();

    const doomed = startReplica(url, slack.apiUrl, CHASE_SLOT, FIRST_CLOCK);
    await doomed.ready;
    doomed.go();
    // Messages go oldest first: the ones waiting, then the chase run's reminders.
    const killAfter = waiting + 1 + Math.floor(Math.random() * MOST_REMINDERS_BEFORE_KILL);
    while (postCount(slack) < killAfter) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * KILL_JITTER_MS));
    doomed.child.kill("SIGKILL");
    await doomed.result.catch(() => undefined);
    const remindersBeforeKill = postCount(slack) - waiting;

    const restarted = startReplica(url, slack.apiUrl, CHASE_SLOT, RESTART_CLOCK);
    await restarted.ready;
    restarted.go();
    await restarted.result;

    const messages = await store.outboxMessage.findMany({
      select: { kind: true, state: true, recipient: { select: { slackUserId: true } } },
    });
    const expected = new Map<string, number>();
    for (const message of messages) {
      const channel = `D${message.recipient.slackUserId?.slice(1)}`;
      expected.set(channel, (expected.get(channel) ?? 0) + 1);
    }
    const received = new Map<string, number>();
    for (const call of slack.callsTo("chat.postMessage")) {
      const channel = String(call.args.channel);
      received.set(channel, (received.get(channel) ?? 0) + 1);
    }
    let duplicates = 0;
    let missing = 0;
    for (const channel of new Set([...expected.keys(), ...received.keys()])) {
      const difference = (received.get(channel) ?? 0) - (expected.get(channel) ?? 0);
      if (difference > 0) duplicates += difference;
      else missing -= difference;
    }
    return {
      due: messages.length,
      reminders: messages.filter((message) => message.kind === "chase.reminders").length,
      remindersBeforeKill,
      lookedUp: slack.callsTo("conversations.history").length,
      duplicates,
      missing,
      notSent: messages.filter((message) => message.state !== "SENT").length,
    };
  } finally {
    await store.$disconnect();
    await slack.close();
  }
}

async function onSqlite(): Promise<RoundFigures> {
  const folder = mkdtempSync(path.join(tmpdir(), "ldg-sigkill-"));
  try {
    return await round(`file:${path.join(folder, "ldg.db")}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function onPostgresql(server: string): Promise<RoundFigures> {
  const name = `ldg_sigkill_${randomUUID().replaceAll("-", "")}`;
  await administer(server, `CREATE DATABASE ${name}`);
  try {
    return await round(databaseUrl(server, name));
  } finally {
    await administer(server, `DROP DATABASE ${name} WITH (FORCE)`);
  }
}

function report(database: string, rounds: RoundFigures[]): void {
  console.log(`\n${database}: ${rounds.length} rounds, each one SIGKILL mid-delivery and a restart`);
  console.log(
    "round  messages due  reminders  reminders before kill  looked up  sent twice  never sent  not marked sent",
  );
  for (const [index, figures] of rounds.entries()) {
    console.log(
      [
        String(index + 1).padStart(5),
        String(figures.due).padStart(13),
        String(figures.reminders).padStart(10),
        String(figures.remindersBeforeKill).padStart(22),
        String(figures.lookedUp).padStart(10),
        String(figures.duplicates).padStart(11),
        String(figures.missing).padStart(11),
        String(figures.notSent).padStart(16),
      ].join(" "),
    );
  }
}

const failures: string[] = [];
function check(database: string, rounds: RoundFigures[]): void {
  report(database, rounds);
  if (rounds.some((figures) => figures.missing > 0 || figures.notSent > 0)) {
    failures.push(`${database}: a message was lost`);
  }
  if (rounds.some((figures) => figures.duplicates > 0)) {
    failures.push(`${database}: a message was sent twice`);
  }
}

console.log("Fault run: SIGKILL a replica while it delivers a chase run, restart it, count what Slack got.");
const sqliteRounds: RoundFigures[] = [];
for (let i = 0; i < ROUNDS; i++) sqliteRounds.push(await onSqlite());
check("SQLite", sqliteRounds);

let cluster: PostgresCluster | undefined;
const bin = postgresBinaries();
let server = process.env.TEST_POSTGRES_URL;
if (!server && bin) {
  cluster = await startPostgresCluster(bin);
  server = cluster.url;
}
try {
  if (server) {
    const postgresqlRounds: RoundFigures[] = [];
    for (let i = 0; i < ROUNDS; i++) postgresqlRounds.push(await onPostgresql(server));
    check("PostgreSQL", postgresqlRounds);
  } else {
    console.log("\nPostgreSQL: skipped (set TEST_POSTGRES_URL, or apt-get install -y postgresql)");
  }
} finally {
  await cluster?.stop();
}

if (failures.length > 0) {
  console.error(`\nFAILED: ${failures.join("; ")}`);
  process.exitCode = 1;
}
