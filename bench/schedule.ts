// Chasing and digest benchmark: 100,000 open actions across 50 areas and 5,000 contacts in SQLite.
// Each figure is also given as a ratio to a bare indexed SELECT over the same rows through the same
// store, measured in the same run, since these machines are shared and absolute times drift.
// Run: npm run bench (after the register benchmark), or npx tsx bench/schedule.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { Chasing } from "../src/core/chasing/chasing.js";
import type { ChaseStepRecord } from "../src/core/chasing/model.js";
import { Digests } from "../src/core/digests/digests.js";
import type { OutboxEntry } from "../src/core/outbox.js";
import { PrismaChaseRepository } from "../src/store/chase-repository.js";
import { openStore } from "../src/store/database.js";
import { PrismaDigestRepository } from "../src/store/digest-repository.js";

const AREAS = 50;
const CONTACTS = 5_000;
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100_000);
const ACTIONS_PER_PROBLEM = 5;
// Wednesday 2 December 2026, 10:00 UK time: a working day, inside working hours.
const NOW = new Date("2026-12-02T10:00:00Z");
const TODAY = "2026-12-02";
const DAY_MS = 24 * 60 * 60 * 1000;

const stamp = (date: Date) => date.toISOString().replace("Z", "+00:00");
const dayStamp = (offsetDays: number) =>
  stamp(new Date(Date.parse(`${TODAY}T00:00:00Z`) + offsetDays * DAY_MS));

/** Raw inserts in one transaction: the use cases would take minutes to raise this much. */
function seed(file: string): void {
  const db = new Database(file);
  const now = stamp(NOW);
  db.transaction(() => {
    // Deputies are inserted after the people they cover: check the references at commit.
    db.pragma("defer_foreign_keys = ON");
    const area = db.prepare(`INSERT INTO "Area" (id, code, name, board) VALUES (?, ?, ?, ?)`);
    const organisation = db.prepare(
      `INSERT INTO "Organisation" (id, name, nameKey, kind) VALUES (?, ?, ?, ?)`,
    );
    const contact = db.prepare(
      `INSERT INTO "Contact" (id, name, nameKey, email, organisationId, deputyId, verifiedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const membership = db.prepare(
      `INSERT INTO "Membership" (id, contactId, areaId, role) VALUES (?, ?, ?, ?)`,
    );
    const problem = db.prepare(
      `INSERT INTO "Problem" (id, ref, areaId, title, category, harm, likelihood, priority, status, nextReviewOn, classification, raisedById, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, 2, 2, ?, 'ACTIVE', ?, 'OFFICIAL_SENSITIVE', ?, ?, ?)`,
    );
    const action = db.prepare(
      `INSERT INTO "Action" (id, problemId, text, organisationId, assigneeId, dueOn, status, createdById, acceptedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?)`,
    );
    const kinds = [
      "POLICE",
      "FIRE",
      "AMBULANCE",
      "HEALTH",
      "HOUSING",
      "UNITARY_COUNCIL",
      "PROBATION",
      "VOLUNTARY",
    ];
    for (let a = 0; a < AREAS; a++)
      area.run(`area${a}`, `A${String(a).padStart(2, "0")}`, `Area ${a}`, "Bench Board");
    for (let o = 0; o < 20; o++)
      organisation.run(`org${o}`, `Organisation ${o}`, `organisation ${o}`, kinds[o % kinds.length]);
    for (let c = 0; c < CONTACTS; c++) {
      const areaIndex = c % AREAS;
      // Per area: one coordinator, one board member, then SPOCs; every other SPOC has the next as deputy.
      const role = c < AREAS ? "COORDINATOR" : c < 2 * AREAS ? "BOARD_MEMBER" : "SPOC";
      const deputy = role === "SPOC" && c % 2 === 0 && c + AREAS < CONTACTS ? `contact${c + AREAS}` : null;
      contact.run(
        `contact${c}`,
        `Person ${c}`,
        `person ${c}`,
        `person.${c}@example.org`,
        `org${c % 20}`,
        deputy,
        dayStamp(-(c % 400)),
        now,
      );
      membership.run(`membership${c}`, `contact${c}`, `area${areaIndex}`, role);
    }
    const spocsPerArea = (CONTACTS - 2 * AREAS) / AREAS;
    const problems = ACTIONS / ACTIONS_PER_PROBLEM;
    for (let p = 0; p < problems; p++) {
      const areaIndex = p % AREAS;
      problem.run(
        `problem${p}`,
        `A${String(areaIndex).padStart(2, "0")}-2026-${String(p).padStart(5, "0")}`,
        `area${areaIndex}`,
        `Problem ${p}`,
        ["ASB", "DRUGS", "FIRE_RISK", "ENVIRONMENTAL"][p % 4],
        ["RED", "AMBER", "GREEN"][p % 3],
        dayStamp((p % 60) - 30),
        `contact${areaIndex}`,
        dayStamp(-40 - (p % 30)),
        now,
      );
      for (let i = 0; i < ACTIONS_PER_PROBLEM; i++) {
        const n = p * ACTIONS_PER_PROBLEM + i;
        const accepted = n % 5 >= 2;
        const spoc = 2 * AREAS + areaIndex + AREAS * (n % spocsPerArea);
        const proposed = dayStamp(-(n % 20));
        action.run(
          `action${n}`,
          `problem${p}`,
          `Action ${n}`,
          `org${n % 20}`,
          `contact${spoc}`,
          dayStamp((n % 80) - 40),
          accepted ? "ACCEPTED" : "PROPOSED",
          accepted ? proposed : null,
          proposed,
          proposed,
        );
      }
    }
  })();
  db.close();
}

/** Decides and composes every message without writing any: what the run would send. */
class DecidingOnly extends PrismaChaseRepository {
  messages = 0;
  override async send(
    chases: { recipientId: string; steps: ChaseStepRecord[] }[],
    _slotKey: string,
    messageFor: (chase: number, freshSteps: number[]) => OutboxEntry,
  ) {
    for (const [index, chase] of chases.entries())
      messageFor(
        index,
        chase.steps.map((_, position) => position),
      );
    this.messages += chases.length;
    return chases.map((chase) => chase.steps.length);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; peakRssMb: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakRssMb: peak / 2 ** 20, result };
}

async function median(rounds: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const folder = mkdtempSync(path.join(tmpdir(), "ldg-bench-schedule-"));
const file = path.join(folder, "bench.db");
try {
  await (await openStore(`file:${file}`)).$disconnect();
  const seedStart = performance.now();
  seed(file);
  const seedMs = performance.now() - seedStart;
  const store = await openStore(`file:${file}`);
  try {
    // The rows a chase run reads: every open action (the overdue, due-soon and unaccepted windows
    // between them cover most of them), selected bare through the same index.
    const bareChaseSelect = () =>
      store.$queryRawUnsafe(
        `SELECT "id", "dueOn", "assigneeId" FROM "Action" WHERE "status" IN ('PROPOSED', 'ACCEPTED') AND "dueOn" < ?`,
        stamp(new Date(Date.parse(`${TODAY}T00:00:00Z`) + 60 * DAY_MS)),
      );
    const chaseBaseline = await median(5, bareChaseSelect);

    const deciding = new DecidingOnly(store);
    const decide = await timed(() => new Chasing(deciding).run("bench:decide", NOW));
    const full = await timed(() => new Chasing(new PrismaChaseRepository(store)).run("chase:bench", NOW));

    const repository = new PrismaDigestRepository(store);
    const area = await repository.findArea("A07");
    if (!area) throw new Error("bench area missing");
    const bareAreaSelect = () =>
      store.$queryRawUnsafe(
        `SELECT a."id", a."dueOn", a."status" FROM "Action" a JOIN "Problem" p ON p."id" = a."problemId" WHERE p."areaId" = ?`,
        area.id,
      );
    const digestBaseline = await median(20, bareAreaSelect);
    const digests = new Digests(repository);
    const weekly = await median(20, () => digests.weekly(area, NOW));
    const board = await median(20, () => digests.board(area.board, [area], NOW));

    const line = (name: string, ms: number, baseline: number, extra = "") =>
      console.log(
        `${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms  ${(ms / baseline).toFixed(1).padStart(6)}x baseline${extra}`,
      );
    console.log(
      `\nchasing and digest benchmark: ${ACTIONS} open actions, ${AREAS} areas, ${CONTACTS} contacts (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
    );
    console.log(`baseline, bare indexed SELECT of the open actions: ${chaseBaseline.toFixed(1)} ms`);
    line(
      "chase run, deciding every message",
      decide.ms,
      chaseBaseline,
      `  peak RSS ${decide.peakRssMb.toFixed(0)} MB, ${deciding.messages} messages`,
    );
    line(
      "chase run, deciding and writing them",
      full.ms,
      chaseBaseline,
      `  peak RSS ${full.peakRssMb.toFixed(0)} MB, ${full.result.messages} messages, ${full.result.items} items`,
    );
    console.log(`baseline, bare indexed SELECT of one area's actions: ${digestBaseline.toFixed(2)} ms`);
    line("one area's weekly digest (median of 20)", weekly, digestBaseline);
    line("one area's board digest (median of 20)", board, digestBaseline);
  } finally {
    await store.$disconnect();
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
  else console.log(file);
}
