// The retention job over a real SQLite store: problems closed longer than the period lose their
// personal details (and their actions' update texts, their meetings' notes), officers' old activity
// notes go too; what the measures count stays; each redaction is audited once; a second run does
// nothing; and the scheduler runs it as the job "retention".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAL_PROBLEM_FIELDS } from "../src/core/problems/model.js";
import { REDACTED_TEXT, Retention, retentionCutoff } from "../src/core/retention/retention.js";
import { createLogger } from "../src/log.js";
import { createScheduler } from "../src/schedule/create-scheduler.js";
import { PrismaRetentionRepository } from "../src/store/retention-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const COORDINATOR = "coordinator.craven@ldg.example";
const ASSIGNEE = "rachel.moorhouse@nypolice.example";
const OFFICER = "sam.holmes@nyfrs.example";
const PERSONAL = {
  description: "Ada Example reports men dealing from number 4",
  locationText: "4 Mill Lane, Skipton",
  locationReference: "BD23 1AA",
  victimOrTarget: "Ada Example (78)",
  offender: "Two men in a grey car",
  guardian: "Ada's son, Ben Example",
};

describe("retention", () => {
  let workflow: Workflow;
  let oldRef: string;
  let recentRef: string;
  let openRef: string;

  async function raiseAndClose(title: string, close: boolean): Promise<string> {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const { problem } = await workflow.problems.raise(coordinator, {
      title,
      area: "CRA",
      category: "drugs",
      harm: 3,
      likelihood: 3,
      ...PERSONAL,
    });
    await workflow.problems.addPartner(coordinator, problem.ref, "North Yorkshire Police");
    const action = await workflow.actions.task(coordinator, problem.ref, {
      text: "Visit Ada Example at home",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    const assignee = await workflow.actorFor(ASSIGNEE);
    await workflow.actions.accept(assignee, action.id);
    await workflow.actions.addUpdate(assignee, action.id, "Spoke to Ada Example at 4 Mill Lane");
    if (close) {
      await workflow.problems.close(coordinator, problem.ref, {
        outcome: "Dealing stopped after two warrants; Ada Example (07700 900456) feels safe",
        assessment: "Joint visits worked",
      });
    }
    return problem.ref;
  }

  beforeAll(async () => {
    workflow = await openWorkflow(new Date("2025-06-02T10:00:00Z"));
    oldRef = await raiseAndClose("Dealing from a flat", true);
    const { store } = workflow.temp;
    const problem = await store.problem.findUniqueOrThrow({ where: { ref: oldRef } });
    const officer = await store.contact.findUniqueOrThrow({ where: { email: OFFICER } });
    const meeting = await store.meeting.create({
      data: {
        areaId: problem.areaId,
        kind: "PROBLEM_SOLVING_PANEL",
        startsAt: workflow.clock.now,
        durationMinutes: 60,
        convenedById: officer.id,
        notes: "Ada Example's son attended",
        agenda: { create: [{ problemId: problem.id }] },
      },
    });
    expect(meeting.notes).not.toBeNull();
    await store.activity.create({
      data: {
        officerId: officer.id,
        kind: "SAFE_AND_WELL_VISIT",
        note: "Visited Ada Example",
        occurredOn: workflow.clock.now,
        agencies: { create: [{ agency: "FIRE" }] },
      },
    });

    workflow.clock.now = new Date("2026-03-02T10:00:00Z");
    recentRef = await raiseAndClose("Fires in the park", true);
    openRef = await raiseAndClose("Still open", false);
    workflow.clock.now = new Date("2026-06-15T10:00:00Z");
  });
  afterAll(async () => workflow.temp.dispose());

  it("counts the period in calendar months, the 31st falling back to the month's end", () => {
    expect(retentionCutoff(new Date("2026-06-15T10:00:00Z"), 12).toISOString()).toBe(
      "2025-06-15T10:00:00.000Z",
    );
    expect(retentionCutoff(new Date("2026-03-31T00:00:00Z"), 1).toISOString()).toBe(
      "2026-02-28T00:00:00.000Z",
    );
  });

  it("redacts only problems closed longer ago than the period, keeping what the measures count", async () => {
    const { store } = workflow.temp;
    const before = await store.problem.findUniqueOrThrow({ where: { ref: oldRef } });
    const retention = new Retention(new PrismaRetentionRepository(store), 12);
    const result = await retention.run(workflow.clock.now);
    expect(result).toMatchObject({ problemsRedacted: 1, activityNotesRedacted: 1 });

    const after = await store.problem.findUniqueOrThrow({ where: { ref: oldRef } });
    for (const field of PERSONAL_PROBLEM_FIELDS) expect(after[field], field).toBeNull();
    expect(after.redactedAt).toEqual(workflow.clock.now);
    const kept = [
      "ref",
      "areaId",
      "title",
      "category",
      "priority",
      "harm",
      "likelihood",
      "vulnerablePerson",
      "status",
      "postcodeOutward",
      "assessment",
      "createdAt",
      "closedAt",
    ] as const;
    for (const field of kept) expect(after[field], field).toEqual(before[field]);
    expect(after.postcodeOutward).toBe("BD23");
    // Kept free text loses the details it mentions, as the needs export would show it.
    // ("Two", from "Two men in a grey car", goes too: the scrub errs on the side of removing.)
    expect(after.outcome).toBe("Dealing stopped after [removed] warrants; [removed] ([removed]) feels safe");
    const action = await store.action.findFirstOrThrow({ where: { problemId: after.id } });
    expect(action.text).toBe("Visit [removed] at home");

    const updates = await store.actionUpdate.findMany({ where: { action: { problemId: after.id } } });
    expect(updates.map((update) => update.text)).toEqual([REDACTED_TEXT]);
    expect(await store.action.count({ where: { problemId: after.id, status: "ACCEPTED" } })).toBe(1);
    expect(
      await store.meeting.findFirst({ where: { agenda: { some: { problemId: after.id } } } }),
    ).toMatchObject({
      notes: null,
    });
    const activity = await store.activity.findFirstOrThrow();
    expect(activity).toMatchObject({ note: null, kind: "SAFE_AND_WELL_VISIT" });

    // Closed three months ago, or still open: untouched.
    for (const ref of [recentRef, openRef]) {
      const untouched = await store.problem.findUniqueOrThrow({ where: { ref } });
      expect(untouched.victimOrTarget).toBe(PERSONAL.victimOrTarget);
      expect(untouched.redactedAt).toBeNull();
    }
    const everything = JSON.stringify(
      await store.problem.findMany({
        where: { ref: oldRef },
        include: { actions: { include: { updates: true } } },
      }),
    );
    expect(everything).not.toMatch(/Ada|Mill Lane|grey car|BD23 1AA|07700/);
  });

  it("audits each redaction, and finds nothing to do the second time", async () => {
    const { store } = workflow.temp;
    const problem = await store.problem.findUniqueOrThrow({ where: { ref: oldRef } });
    const audited = await store.auditEvent.findMany({ where: { verb: "problem.redacted" } });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      entityId: problem.id,
      actorId: null,
      after: { ref: oldRef, retentionMonths: 12, actionUpdates: 1, meetingNotes: 1 },
    });
    expect(await store.auditEvent.count({ where: { verb: "activity.notes-redacted" } })).toBe(1);

    const auditCount = await store.auditEvent.count();
    const again = await new Retention(new PrismaRetentionRepository(store), 12).run(workflow.clock.now);
    expect(again).toMatchObject({ problemsRedacted: 0, activityNotesRedacted: 0 });
    expect(await store.auditEvent.count()).toBe(auditCount);
  });

  it("removes messages delivered or given up, and email links expired, before the period; keeps the rest", async () => {
    const { store } = workflow.temp;
    const officer = await store.contact.findUniqueOrThrow({ where: { email: OFFICER } });
    const old = new Date("2025-05-01T10:00:00Z");
    const message = (key: string, state: "SENT" | "FAILED" | "PENDING", createdAt: Date) => ({
      key,
      recipientId: officer.id,
      kind: "problem.raised",
      payload: { ref: oldRef, title: "Dealing from a flat" },
      state,
      createdAt,
    });
    await store.outboxMessage.createMany({
      data: [
        message("retention:old-sent", "SENT", old),
        message("retention:old-failed", "FAILED", old),
        message("retention:old-pending", "PENDING", old),
        message("retention:new-sent", "SENT", workflow.clock.now),
      ],
    });
    const link = (id: string, expiresAt: Date) => ({
      id,
      contactId: officer.id,
      intent: "action.accept",
      target: "action-1",
      expiresAt,
    });
    await store.emailLink.createMany({
      data: [link("retention-old-link", old), link("retention-new-link", workflow.clock.now)],
    });
    // Posts in an LDG channel's threads: a thread's first post stays while its problem is not redacted.
    const post = (key: string, problemRef: string, startsThread: boolean, state: "SENT" | "PENDING") => ({
      key,
      problemRef,
      platform: "SLACK" as const,
      address: { channelId: "C0CRAVENLDG" },
      startsThread,
      payload: { ref: problemRef, title: "Dealing from a flat" },
      state,
      createdAt: old,
    });
    await store.channelPost.createMany({
      data: [
        post("retention:redacted-start", oldRef, true, "SENT"),
        post("retention:redacted-reply", oldRef, false, "SENT"),
        post("retention:open-start", "CRA-2025-0999", true, "SENT"),
        post("retention:pending-reply", "CRA-2025-0999", false, "PENDING"),
      ],
    });

    const result = await new Retention(new PrismaRetentionRepository(store), 12).run(workflow.clock.now);
    expect(result).toMatchObject({ messagesRemoved: 4, emailLinksRemoved: 1 });
    const posts = await store.channelPost.findMany({ where: { key: { startsWith: "retention:" } } });
    expect(posts.map((row) => row.key).sort()).toEqual(["retention:open-start", "retention:pending-reply"]);
    const keys = (await store.outboxMessage.findMany({ where: { key: { startsWith: "retention:" } } })).map(
      (row) => row.key,
    );
    expect(keys.sort()).toEqual(["retention:new-sent", "retention:old-pending"]);
    expect((await store.emailLink.findMany()).map((row) => row.id)).toEqual(["retention-new-link"]);
    expect(await store.auditEvent.findMany({ where: { verb: "outbox.removed" } })).toMatchObject([
      { actorId: null, after: { messages: 4, emailLinks: 1, retentionMonths: 12 } },
    ]);
    const again = await new Retention(new PrismaRetentionRepository(store), 12).run(workflow.clock.now);
    expect(again).toMatchObject({ messagesRemoved: 0, emailLinksRemoved: 0 });
  });

  it("redacts a problem again when it was reopened and closed after its redaction", async () => {
    const { store } = workflow.temp;
    const coordinator = await workflow.actorFor(COORDINATOR);
    workflow.clock.now = new Date("2026-06-16T10:00:00Z");
    await workflow.problems.reopen(coordinator, oldRef, "The dealing has started again");
    // Details typed while it was open again.
    await store.problem.update({ where: { ref: oldRef }, data: { victimOrTarget: "Cy Example (81)" } });
    await workflow.problems.close(coordinator, oldRef, {
      outcome: "Stopped again; Cy Example is safe",
      assessment: "Second warrant",
    });
    const retention = new Retention(new PrismaRetentionRepository(store), 12);
    expect(await retention.run(workflow.clock.now)).toMatchObject({ problemsRedacted: 0 });

    workflow.clock.now = new Date("2027-06-20T10:00:00Z");
    const result = await retention.run(workflow.clock.now);
    expect(result.problemsRedacted).toBeGreaterThanOrEqual(1);
    const after = await store.problem.findUniqueOrThrow({ where: { ref: oldRef } });
    expect(after.victimOrTarget).toBeNull();
    expect(after.outcome).not.toContain("Cy Example");
    expect(await retention.run(workflow.clock.now)).toMatchObject({ problemsRedacted: 0 });
    workflow.clock.now = new Date("2026-06-15T10:00:00Z");
  });

  it("runs as the scheduled job `retention`, with the configured period", async () => {
    const { store } = workflow.temp;
    workflow.clock.now = new Date("2026-06-16T02:30:00Z");
    const scheduler = createScheduler(
      store,
      { chase: "0 8 * * 1-5", weeklyDigest: "0 8 * * 1", boardDigest: "0 8 1 * *", retention: "30 2 * * *" },
      "Europe/London",
      createLogger("silent"),
      { now: () => workflow.clock.now, retentionMonths: 3 },
    );
    const slot = new Date("2026-06-16T01:30:00Z");
    expect(await scheduler.runSlot("retention", slot)).toBe(true);
    const run = await store.jobRun.findUniqueOrThrow({
      where: { slotKey: `retention:${slot.toISOString()}` },
    });
    expect(run.error).toBeNull();
    // Three months: the problem closed in March is now past it; the open one never is.
    expect((await store.problem.findUniqueOrThrow({ where: { ref: recentRef } })).redactedAt).not.toBeNull();
    expect((await store.problem.findUniqueOrThrow({ where: { ref: openRef } })).victimOrTarget).toBe(
      PERSONAL.victimOrTarget,
    );
  });
});
