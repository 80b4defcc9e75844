// A slot runs once: across a crash in the middle of a run, a restart on the same database, two
// processes claiming it at once, and a missed slot caught up at start.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import cron from "node-cron";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Chasing } from "../src/core/chasing/chasing.js";
import type { ChaseStepRecord } from "../src/core/chasing/model.js";
import { Digests } from "../src/core/digests/digests.js";
import type { OutboxEntry } from "../src/core/outbox.js";
import { createScheduler } from "../src/schedule/create-scheduler.js";
import { scheduledJobs } from "../src/schedule/jobs.js";
import { Scheduler } from "../src/schedule/scheduler.js";
import { PrismaChaseRepository } from "../src/store/chase-repository.js";
import { openStore, type Store } from "../src/store/database.js";
import { PrismaDigestRepository } from "../src/store/digest-repository.js";
import { PrismaJobRuns } from "../src/store/job-run-repository.js";
import { TEST_SCHEDULES } from "./support/schedules.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const silent = pino({ level: "silent" });
const RUN_SLOT = fileURLToPath(new URL("./support/run-slot.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url));
// Tuesday 8 December 2026, 08:00 UK time: the actions tasked a week earlier are due for chasing.
const SLOT = new Date("2026-12-08T08:00:00Z");

/** Stands in for a process that dies after writing its first person's message. */
class CrashingChaseRepository extends PrismaChaseRepository {
  override async send(
    chases: { recipientId: string; steps: ChaseStepRecord[] }[],
    slotKey: string,
    messageFor: (chase: number, freshSteps: number[]) => OutboxEntry,
  ): Promise<number[]> {
    await super.send(chases.slice(0, 1), slotKey, messageFor);
    throw new Error("simulated crash");
  }
}

function runSlotInChild(databaseUrl: string): Promise<{ ran: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      TSX,
      RUN_SLOT,
      databaseUrl,
      "chase",
      SLOT.toISOString(),
      "2026-12-08T08:00:05Z",
    ]);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
  });
}

/** Records a finished run of each job before the slots the tests miss, as a bot that was running would have. */
async function ranEachJobBefore(store: Store): Promise<void> {
  const jobRuns = new PrismaJobRuns(store);
  for (const [job, at] of [
    ["chase", "2026-12-07T18:00:00Z"],
    ["digest.weekly", "2026-11-30T08:00:00Z"],
    ["digest.board", "2026-11-02T08:00:00Z"],
  ] as const) {
    const slotAt = new Date(at);
    const slotKey = `${job}:${slotAt.toISOString()}`;
    await jobRuns.claim(slotKey, job, slotAt, slotAt, 60_000);
    await jobRuns.finish(slotKey, slotAt, { messages: 0 }, null);
  }
}

describe("claiming scheduled slots", () => {
  let workflow: Workflow;

  /** Three actions, to three organisations, never accepted: on the 8th each SPOC is reminded and escalated. */
  beforeEach(async () => {
    workflow = await openWorkflow(new Date("2026-12-01T10:00:00Z"));
    const officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    const { problem } = await workflow.problems.raise(officer, {
      title: "Fly-tipping on the canal path",
      area: "CRA",
      category: "environmental",
      harm: 2,
      likelihood: 2,
    });
    for (const organisation of [
      "North Yorkshire Police",
      "North Yorkshire Fire and Rescue Service",
      "North Yorkshire Council",
    ]) {
      await workflow.actions.task(coordinator, problem.ref, {
        text: `Check the towpath (${organisation})`,
        organisation,
        due: "31/12/2026",
      });
    }
    await workflow.temp.store.action.updateMany({ data: { updatedAt: workflow.clock.now } });
    workflow.clock.now = new Date("2026-12-08T08:00:05Z");
  });
  afterEach(async () => workflow.temp.dispose());

  async function chasesPerPerson(store: Store) {
    const rows = await store.outboxMessage.findMany({ where: { kind: "chase.reminders" } });
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.recipientId] = (counts[row.recipientId] ?? 0) + 1;
    return counts;
  }

  const ONE_EACH = {
    // Rachel, Joanne, Julie: reminded; Tom, Ben, Ryan (deputies), Helen and Demo (coordinators): told.
    length: 8,
  };

  it("finishes a run that crashed part-way on the next try, sending nobody anything twice", async () => {
    const store = workflow.temp.store;
    const crashing = new Scheduler({
      jobs: scheduledJobs(
        TEST_SCHEDULES,
        new Chasing(new CrashingChaseRepository(store)),
        new Digests(new PrismaDigestRepository(store)),
      ),
      jobRuns: new PrismaJobRuns(store),
      timeZone: "Europe/London",
      logger: silent,
      now: () => workflow.clock.now,
    });
    expect(await crashing.runSlot("chase", SLOT)).toBe(true);
    const failed = await store.jobRun.findUniqueOrThrow({
      where: { slotKey: `chase:${SLOT.toISOString()}` },
    });
    expect(failed.error).toBe("simulated crash");
    expect(Object.keys(await chasesPerPerson(store))).toHaveLength(1);

    // A new process on the same database file takes the failed slot over and sends the rest.
    await store.$disconnect();
    const restarted = await openStore(workflow.temp.databaseUrl);
    try {
      const scheduler = createScheduler(restarted, TEST_SCHEDULES, "Europe/London", silent, {
        now: () => workflow.clock.now,
      });
      expect(await scheduler.runSlot("chase", SLOT)).toBe(true);
      const counts = await chasesPerPerson(restarted);
      expect(Object.keys(counts)).toHaveLength(ONE_EACH.length);
      expect(Object.values(counts).every((count) => count === 1)).toBe(true);
      const run = await restarted.jobRun.findUniqueOrThrow({
        where: { slotKey: `chase:${SLOT.toISOString()}` },
      });
      expect(run).toMatchObject({ error: null, counts: { messages: ONE_EACH.length - 1 } });
      // Finished: the slot is not run a third time, and a later slot the same day finds nothing new.
      expect(await scheduler.runSlot("chase", SLOT)).toBe(false);
      expect(await scheduler.runSlot("chase", new Date("2026-12-08T13:00:00Z"))).toBe(true);
      expect(Object.values(await chasesPerPerson(restarted)).every((count) => count === 1)).toBe(true);
    } finally {
      await restarted.$disconnect();
      workflow.temp.store = await openStore(workflow.temp.databaseUrl);
    }
  });

  it("runs a slot in exactly one of two processes that claim it at the same moment", async () => {
    await workflow.temp.store.$disconnect();
    const results = await Promise.all([
      runSlotInChild(workflow.temp.databaseUrl),
      runSlotInChild(workflow.temp.databaseUrl),
    ]);
    workflow.temp.store = await openStore(workflow.temp.databaseUrl);
    expect(results.map((result) => result.ran).sort()).toEqual([false, true]);
    const counts = await chasesPerPerson(workflow.temp.store);
    expect(Object.keys(counts)).toHaveLength(ONE_EACH.length);
    expect(Object.values(counts).every((count) => count === 1)).toBe(true);
  }, 60_000);

  it("catches up the slots missed while the bot was down, once", async () => {
    await ranEachJobBefore(workflow.temp.store);
    // Started again at 10:30 on Tuesday 8 December: the 08:00 chase, Monday's weekly digest and
    // the board digest of 1 December were missed.
    workflow.clock.now = new Date("2026-12-08T10:30:00Z");
    const scheduler = createScheduler(workflow.temp.store, TEST_SCHEDULES, "Europe/London", silent, {
      now: () => workflow.clock.now,
    });
    expect(await scheduler.catchUp()).toEqual([
      "chase:2026-12-08T08:00:00.000Z",
      "digest.weekly:2026-12-07T08:00:00.000Z",
      "digest.board:2026-12-01T08:00:00.000Z",
    ]);
    expect(Object.keys(await chasesPerPerson(workflow.temp.store))).toHaveLength(ONE_EACH.length);
    const again = createScheduler(workflow.temp.store, TEST_SCHEDULES, "Europe/London", silent, {
      now: () => workflow.clock.now,
    });
    expect(await again.catchUp()).toEqual([]);
    const status = await again.status();
    expect(status.find((job) => job.name === "chase")).toMatchObject({
      nextRuns: [new Date("2026-12-08T13:00:00Z"), new Date("2026-12-08T18:00:00Z")],
      lastRun: { slotKey: "chase:2026-12-08T08:00:00.000Z", counts: { messages: ONE_EACH.length } },
    });
  });

  it("catches nothing up on the very first start: the bot was not down, it was not there", async () => {
    workflow.clock.now = new Date("2026-12-08T10:30:00Z");
    const scheduler = createScheduler(workflow.temp.store, TEST_SCHEDULES, "Europe/London", silent, {
      now: () => workflow.clock.now,
    });
    expect(await scheduler.catchUp()).toEqual([]);
    expect(
      await workflow.temp.store.outboxMessage.count({ where: { kind: { startsWith: "digest." } } }),
    ).toBe(0);
  });

  it("schedules every job with node-cron on start, catching up first, and stops cleanly", async () => {
    await ranEachJobBefore(workflow.temp.store);
    workflow.clock.now = new Date("2026-12-08T10:30:00Z");
    const scheduler = createScheduler(workflow.temp.store, TEST_SCHEDULES, "Europe/London", silent, {
      now: () => workflow.clock.now,
    });
    await scheduler.start();
    try {
      const names = [...cron.getTasks().values()].map((task) => task.name);
      expect(names).toEqual(expect.arrayContaining(["chase", "digest.weekly", "digest.board"]));
      expect(await workflow.temp.store.jobRun.count()).toBe(6);
    } finally {
      await scheduler.stop();
    }
    expect([...cron.getTasks().values()].map((task) => task.name)).not.toContain("chase");
  });
});
