// Six weeks of the scheduler on a real SQLite file, driven slot by slot with a controllable clock:
// one problem with three actions (one never accepted, two accepted and left overdue), a review,
// two people on leave (one with a deputy, one without) and Christmas 2026's bank holidays.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Leave } from "../src/core/leave/leave.js";
import { createScheduler } from "../src/schedule/create-scheduler.js";
import { CronSlots } from "../src/schedule/cron-slots.js";
import type { Scheduler } from "../src/schedule/scheduler.js";
import { PrismaLeaveRepository } from "../src/store/leave-repository.js";
import { TEST_SCHEDULES } from "./support/schedules.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const ZONE = "Europe/London";
const silent = pino({ level: "silent" });

const PEOPLE: Record<string, string> = {
  "rachel.moorhouse@nypolice.example": "Rachel",
  "tom.hebden@nypolice.example": "Tom",
  "joanne.hirst@nyfrs.example": "Joanne",
  "ben.lambert@nyfrs.example": "Ben",
  "sarah.gill@yas.example": "Sarah",
  "coordinator.craven@ldg.example": "Helen",
  "demo@ldg.example": "Demo",
};

// What each 08:00 run sends, by day: person -> the steps in their one message, as
// `<step> <item>` where A, B and C are the actions and P the problem's review. Every other run
// (07:00, 13:00, 18:00, weekends, 25 and 28 December, 1 January) sends nothing.
const EXPECTED: Record<string, Record<string, string[]>> = {
  "2026-12-01": { Rachel: ["unaccepted.reminder A"] },
  "2026-12-03": {
    Tom: ["unaccepted.escalation A"],
    Helen: ["unaccepted.escalation A"],
    Demo: ["unaccepted.escalation A"],
  },
  "2026-12-07": { Joanne: ["due.soon B"] },
  "2026-12-09": { Joanne: ["due.today B"] },
  "2026-12-10": { Joanne: ["overdue.reminder B"] },
  "2026-12-11": { Helen: ["review.due P"], Demo: ["review.due P"] },
  // Sarah is away with no deputy: her coordinators cover. Joanne is away: Ben, her deputy, covers.
  "2026-12-14": { Helen: ["due.soon C (cover)"], Demo: ["due.soon C (cover)"] },
  "2026-12-15": { Ben: ["overdue.reminder B (cover)"] },
  "2026-12-16": { Helen: ["due.today C (cover)"], Demo: ["due.today C (cover)"] },
  "2026-12-17": { Helen: ["overdue.reminder C (cover)"], Demo: ["overdue.reminder C (cover)"] },
  "2026-12-18": {
    Ben: ["overdue.reminder B (cover)"],
    Helen: ["overdue.coordinator B"],
    Demo: ["overdue.coordinator B"],
  },
  "2026-12-22": { Helen: ["overdue.reminder C (cover)"], Demo: ["overdue.reminder C (cover)"] },
  "2026-12-23": { Joanne: ["overdue.reminder B"] },
  "2026-12-29": {
    Helen: ["overdue.coordinator C", "overdue.reminder C (cover)"],
    Demo: ["overdue.coordinator C", "overdue.reminder C (cover)"],
  },
  "2026-12-30": { Joanne: ["overdue.reminder B"] },
  "2027-01-04": { Sarah: ["overdue.reminder C"] },
  "2027-01-05": { Joanne: ["overdue.reminder B"] },
  "2027-01-07": { Sarah: ["overdue.reminder C"] },
  "2027-01-08": { Joanne: ["overdue.reminder B"] },
};

interface ChasePayload {
  day: string;
  items: { step: string; ref: string; actionText?: string; covering?: boolean }[];
}

describe("chasing and digests over six weeks", () => {
  let workflow: Workflow;
  let scheduler: Scheduler;
  let names: Map<string, string>;
  const sentByDay = new Map<string, Record<string, string[]>>();
  const runs: { job: string; at: Date; keys: string[] }[] = [];

  async function outboxFor(prefix: string) {
    return workflow.temp.store.outboxMessage.findMany({
      where: { key: { startsWith: prefix } },
      orderBy: { key: "asc" },
    });
  }

  beforeAll(async () => {
    workflow = await openWorkflow(new Date("2026-11-27T10:00:00Z"));
    const { problems, actions, clock, temp } = workflow;
    const contacts = await temp.store.contact.findMany({ select: { id: true, email: true } });
    names = new Map(contacts.map((contact) => [contact.id, PEOPLE[contact.email] ?? contact.email]));
    const officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    const { problem } = await problems.raise(officer, {
      title: "Deliberate fires near the skate park",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
    });
    expect(problem.nextReviewOn).toBe("2026-12-11");
    await actions.task(coordinator, problem.ref, {
      text: "A: patrol the skate park",
      organisation: "North Yorkshire Police",
      due: "29/01/2027",
    });
    const b = await actions.task(coordinator, problem.ref, {
      text: "B: fit fire-safe bins",
      organisation: "North Yorkshire Fire and Rescue Service",
      due: "09/12/2026",
    });
    const c = await actions.task(coordinator, problem.ref, {
      text: "C: first-aid kit at the park",
      organisation: "Yorkshire Ambulance Service",
      due: "16/12/2026",
    });
    await actions.accept(await workflow.actorFor("joanne.hirst@nyfrs.example"), b.id);
    await actions.accept(await workflow.actorFor("sarah.gill@yas.example"), c.id);
    // Prisma stamps updatedAt (when an action was last proposed) from the real clock: put it on the test's.
    await temp.store.action.updateMany({ data: { updatedAt: clock.now } });

    scheduler = createScheduler(temp.store, TEST_SCHEDULES, ZONE, silent, { now: () => clock.now });
    const leave = new Leave(new PrismaLeaveRepository(temp.store), () => clock.now);
    const events: { at: Date; run: () => Promise<void> }[] = [
      {
        at: new Date("2026-12-01T10:00:00Z"),
        run: async () => {
          await leave.away(await workflow.actorFor("sarah.gill@yas.example"), "until 4/1/2027");
        },
      },
      {
        at: new Date("2026-12-11T17:00:00Z"),
        run: async () => {
          await leave.away(await workflow.actorFor("joanne.hirst@nyfrs.example"), "until 21/12");
        },
      },
    ];
    const start = new Date("2026-11-27T10:01:00Z");
    const end = new Date("2027-01-08T23:59:00Z");
    const expressions: Record<string, string> = {
      chase: TEST_SCHEDULES.chase,
      "digest.weekly": TEST_SCHEDULES.weeklyDigest,
      "digest.board": TEST_SCHEDULES.boardDigest,
    };
    for (const [job, expression] of Object.entries(expressions)) {
      for (const at of new CronSlots(expression, ZONE).next(start, 1000, 45).filter((slot) => slot <= end)) {
        events.push({
          at,
          run: async () => {
            expect(await scheduler.runSlot(job, at)).toBe(true);
            const keys = (await outboxFor(`${job}:${job}:${at.toISOString()}:`)).map((row) => row.key);
            runs.push({ job, at, keys });
          },
        });
      }
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const event of events) {
      clock.now = event.at;
      await event.run();
    }
    for (const row of await outboxFor("chase:")) {
      const payload = row.payload as unknown as ChasePayload;
      const day = payload.day;
      const person = names.get(row.recipientId) as string;
      const byPerson = sentByDay.get(day) ?? {};
      expect(byPerson[person], `${person} got two chases on ${day}`).toBeUndefined();
      byPerson[person] = payload.items
        .map(
          (item) =>
            `${item.step} ${item.actionText ? item.actionText[0] : "P"}${item.covering ? " (cover)" : ""}`,
        )
        .sort();
      sentByDay.set(day, byPerson);
    }
  }, 240_000);
  afterAll(async () => workflow.temp.dispose());

  it("sends exactly the chases the policy says, on working days at working hours, one message per person per run", () => {
    expect(Object.fromEntries([...sentByDay].sort())).toEqual(EXPECTED);
    const chaseRuns = runs.filter((run) => run.job === "chase");
    // 13:00 and 18:00 on the first afternoon, then four a day for 42 days.
    expect(chaseRuns).toHaveLength(2 + 42 * 4);
    for (const run of chaseRuns) {
      const hour = run.at.getUTCHours();
      const day = run.at.toISOString().slice(0, 10);
      expect(run.keys.length, `${run.at.toISOString()}`).toBe(
        hour === 8 ? Object.keys(EXPECTED[day] ?? {}).length : 0,
      );
    }
  });

  it("lists the reviewed problem's open actions with their RAG in the review chase", async () => {
    const helen = (await workflow.actorFor("coordinator.craven@ldg.example")).contactId;
    const [review] = (await outboxFor("chase:chase:2026-12-11T08:00:00.000Z:")).filter(
      (row) => row.recipientId === helen,
    );
    const payload = review?.payload as { items: { step: string; actions: unknown[] }[] } | undefined;
    const [item] = payload?.items ?? [];
    expect(item).toMatchObject({ step: "review.due", ref: "CRA-2026-0001", dueOn: "2026-12-11" });
    expect(item?.actions).toEqual([
      {
        text: "B: fit fire-safe bins",
        organisationName: "North Yorkshire Fire and Rescue Service",
        dueOn: "2026-12-09",
        rag: "RED",
      },
      {
        text: "C: first-aid kit at the park",
        organisationName: "Yorkshire Ambulance Service",
        dueOn: "2026-12-16",
        rag: "GREEN",
      },
      {
        text: "A: patrol the skate park",
        organisationName: "North Yorkshire Police",
        dueOn: "2027-01-29",
        rag: "GREEN",
      },
    ]);
  });

  it("records every run with its counts, including the ones that sent nothing", async () => {
    const rows = await workflow.temp.store.jobRun.findMany({ orderBy: { slotAt: "asc" } });
    expect(rows.every((row) => row.finishedAt !== null && row.error === null)).toBe(true);
    const christmas = rows.find((row) => row.slotKey === "chase:2026-12-25T08:00:00.000Z");
    expect(christmas?.counts).toEqual({ messages: 0, items: 0, skipped: "2026-12-25 is not a working day" });
    const evening = rows.find((row) => row.slotKey === "chase:2026-12-18T18:00:00.000Z");
    expect(evening?.counts).toMatchObject({ skipped: "18:00 is outside working hours" });
    expect(rows.find((row) => row.slotKey === "chase:2026-12-29T08:00:00.000Z")?.counts).toEqual({
      messages: 2,
      items: 4,
    });
  });

  it("sends the weekly digest every Monday and the board digest on the 1st, bank holidays or not", async () => {
    const weekly = runs.filter((run) => run.job === "digest.weekly");
    expect(weekly.map((run) => run.at.toISOString().slice(0, 10))).toEqual([
      "2026-11-30",
      "2026-12-07",
      "2026-12-14",
      "2026-12-21",
      "2026-12-28",
      "2027-01-04",
    ]);
    // Eight areas, each to its own coordinator and to the demo coordinator of every area.
    for (const run of weekly) expect(run.keys).toHaveLength(16);
    const board = runs.filter((run) => run.job === "digest.board");
    expect(board.map((run) => run.at.toISOString().slice(0, 10))).toEqual(["2026-12-01", "2027-01-01"]);
    for (const run of board) expect(run.keys).toHaveLength(4);
  });

  it("puts an action overdue 14 working days into the board digest, and not before", async () => {
    const hartley = (await workflow.actorFor("michael.hartley@nypolice.example")).contactId;
    const digests = await outboxFor("digest.board:");
    const forHartley = digests.filter((row) => row.recipientId === hartley);
    expect(forHartley.map((row) => (row.payload as { longOverdueTotal: number }).longOverdueTotal)).toEqual([
      0, 1,
    ]);
    const january = forHartley[1]?.payload as {
      longOverdue: { actionText: string; daysOverdue: number }[];
      classification: string;
    };
    expect(january.longOverdue).toEqual([
      expect.objectContaining({ actionText: "B: fit fire-safe bins", daysOverdue: 14 }),
    ]);
    expect(january.classification).toBe("OFFICIAL_SENSITIVE");
  });

  it("tells the coordinators when someone with no deputy goes away, and audits each change of leave", async () => {
    const notices = await outboxFor("leave.uncovered:");
    // Sarah works in four areas: their coordinators and the demo coordinator are told, once each.
    expect(notices.map((row) => names.get(row.recipientId)).sort()).toEqual([
      "Demo",
      "Helen",
      "coordinator.harrogate@ldg.example",
      "coordinator.selby@ldg.example",
      "coordinator.york@ldg.example",
    ]);
    const audits = await workflow.temp.store.auditEvent.findMany({ where: { verb: "contact.away" } });
    expect(audits).toHaveLength(2);
  });
});
