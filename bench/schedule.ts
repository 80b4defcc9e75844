// Chasing and digest benchmark: 100,000 open actions across 50 areas and 5,000 contacts in SQLite.
// Each figure is also given as a ratio to a bare indexed SELECT over the same rows through the same
// store, measured in the same run, since these machines are shared and absolute times drift.
// Run: npm run bench (after the register benchmark), or npx tsx bench/schedule.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Chasing } from "../src/core/chasing/chasing.js";
import type { ChaseStepRecord } from "../src/core/chasing/model.js";
import { DEFAULT_CHASE_POLICY } from "../src/core/chasing/policy.js";
import { chaseWindow } from "../src/core/chasing/window.js";
import { Digests } from "../src/core/digests/digests.js";
import type { OutboxEntry } from "../src/core/outbox.js";
import { addCalendarDays } from "../src/core/time/due-date.js";
import { dayToDate } from "../src/store/calendar-day.js";
import { PrismaChaseRepository } from "../src/store/chase-repository.js";
import { openStore } from "../src/store/database.js";
import { PrismaDigestRepository } from "../src/store/digest-repository.js";
import { Prisma } from "../src/store/generated/client.js";
import { ACTIONS, AREAS, CONTACTS, NOW, TODAY } from "./schedule-figures.js";

const SEED = fileURLToPath(new URL("./seed-schedule.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url));

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
    this.messages = chases.length;
    return chases.map((chase) => chase.steps.length);
  }
}

/** The process's highest RSS so far, as the kernel counts it. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function once<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** The median of `rounds` timed runs, after `warmUp` untimed ones. */
async function median(rounds: number, work: () => Promise<unknown>, warmUp = 2): Promise<number> {
  for (let i = 0; i < warmUp; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push((await once(work)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const line = (name: string, ms: number, baseline: number, extra = "") =>
  console.log(
    `${name.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms  ${(ms / baseline).toFixed(1).padStart(6)}x baseline${extra}`,
  );

const folder = mkdtempSync(path.join(tmpdir(), "ldg-bench-schedule-"));
const file = path.join(folder, "bench.db");
try {
  await (await openStore(`file:${file}`)).$disconnect();
  const seedStart = performance.now();
  const seeded = spawnSync(process.execPath, [TSX, SEED, file], { stdio: "inherit" });
  if (seeded.status !== 0) throw new Error("seeding failed");
  const seedMs = performance.now() - seedStart;

  const store = await openStore(`file:${file}`);
  try {
    // The bare SELECT: the same rows as the chase run's read, by the same indexes, ids only.
    const window = chaseWindow(TODAY, [DEFAULT_CHASE_POLICY]);
    const bareChaseSelect = () =>
      store.$queryRaw`SELECT a."id" FROM "Action" a
        WHERE (a."status" = 'PROPOSED' AND a."updatedAt" >= ${dayToDate(addCalendarDays(window.proposedFrom, -1))}
               AND a."updatedAt" < ${dayToDate(window.proposedBefore)})
           OR (a."status" IN ('PROPOSED', 'ACCEPTED') AND a."dueOn" IN (${Prisma.join(window.overdueDueDays.map(dayToDate))}))
           OR (a."status" = 'ACCEPTED' AND a."dueOn" >= ${dayToDate(TODAY)} AND a."dueOn" <= ${dayToDate(window.dueSoonBy)})`;
    // Memory first, from a fresh store: the bare SELECTs below would raise the process's RSS too.
    const rssBefore = peakRss();
    const deciding = new DecidingOnly(store);
    const decideOnce = () => new Chasing(deciding).run("bench:decide", NOW);
    await decideOnce();
    const decidePeak = peakRss();
    const decide = await median(3, decideOnce, 0);
    const chaseBaseline = await median(5, bareChaseSelect);
    const rowsRead = ((await bareChaseSelect()) as unknown[]).length;
    const firstRun = await once(() =>
      new Chasing(new PrismaChaseRepository(store)).run("chase:bench:1", NOW),
    );
    const repeatRun = await once(() =>
      new Chasing(new PrismaChaseRepository(store)).run("chase:bench:2", NOW),
    );
    const writePeak = peakRss();

    const repository = new PrismaDigestRepository(store);
    const area = await repository.findArea("A07");
    if (!area) throw new Error("bench area missing");
    const bareAreaSelect = () =>
      store.$queryRaw`SELECT a."id" FROM "Problem" p JOIN "Action" a ON a."problemId" = p."id"
        WHERE p."areaId" = ${area.id} AND p."status" <> 'CLOSED'`;
    const digestBaseline = await median(20, bareAreaSelect);
    const digests = new Digests(repository);
    const weekly = await median(20, () => digests.weekly(area, NOW));
    const board = await median(20, () => digests.board(area.board, [area], NOW));

    console.log(
      `\nchasing and digest benchmark: ${ACTIONS} open actions, ${AREAS} areas, ${CONTACTS} contacts, SQLite (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `baseline, bare indexed SELECT of the ${rowsRead} actions a chase run reads: ${chaseBaseline.toFixed(1)} ms`,
    );
    line(
      "chase run deciding every message (median of 3)",
      decide,
      chaseBaseline,
      `  ${deciding.messages} messages; peak RSS ${mb(rssBefore)} before the first run, ${mb(decidePeak)} after it`,
    );
    line(
      "first chase run, deciding and writing them",
      firstRun.ms,
      chaseBaseline,
      `  ${firstRun.result.messages} messages, ${firstRun.result.items} items; peak RSS ${mb(writePeak)}`,
    );
    line(
      "the next run, everything already sent",
      repeatRun.ms,
      chaseBaseline,
      `  ${repeatRun.result.messages} messages`,
    );
    console.log(`baseline, bare indexed SELECT of one area's open actions: ${digestBaseline.toFixed(2)} ms`);
    line("one area's weekly digest (median of 20)", weekly, digestBaseline);
    line("one area's board digest (median of 20)", board, digestBaseline);
  } finally {
    await store.$disconnect();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
