// The retention job's storage: finds closed problems past the period, empties their personal
// details and their actions' update texts, writes back their scrubbed free text and, once every
// problem on its agenda is redacted, empties a meeting's notes, all in the caller's transaction.

import { PERSONAL_PROBLEM_FIELDS } from "../core/problems/model.js";
import type { AuditEntry } from "../core/register/model.js";
import {
  type KeptTexts,
  type ProblemTexts,
  REDACTED_TEXT,
  type RedactedProblem,
  type RetentionRepository,
} from "../core/retention/retention.js";
import { writeAudit } from "./audit.js";
import { type Client, inTransaction } from "./transaction.js";

const EMPTIED = Object.fromEntries(PERSONAL_PROBLEM_FIELDS.map((field) => [field, null]));

export class PrismaRetentionRepository implements RetentionRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: RetentionRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as RetentionRepository,
      (tx) => new PrismaRetentionRepository(tx),
      work,
    );
  }

  async problemsDueRedaction(cutoff: Date, limit: number) {
    const rows = await this.client.problem.findMany({
      where: {
        status: "CLOSED",
        closedAt: { lt: cutoff },
        // Never redacted, or reopened and closed again since: details may have been added meanwhile.
        OR: [{ redactedAt: null }, { redactedAt: { lt: this.client.problem.fields.closedAt } }],
      },
      select: { id: true, ref: true, closedAt: true },
      orderBy: { closedAt: "asc" },
      take: limit,
    });
    return rows.map((row) => ({ id: row.id, ref: row.ref, closedAt: row.closedAt as Date }));
  }

  async textsOf(problemId: string): Promise<ProblemTexts> {
    const row = await this.client.problem.findUniqueOrThrow({
      where: { id: problemId },
      include: {
        actions: { select: { id: true, text: true, declineReason: true, outcome: true } },
        boardAnswers: { select: { id: true, reason: true } },
      },
    });
    return {
      personalDetails: PERSONAL_PROBLEM_FIELDS.map((field) => row[field]).filter(
        (value): value is string => typeof value === "string" && value.trim() !== "",
      ),
      problem: {
        title: row.title,
        objectiveDetail: row.objectiveDetail,
        outcome: row.outcome,
        assessment: row.assessment,
        escalationReason: row.escalationReason,
      },
      actions: row.actions,
      boardAnswers: row.boardAnswers,
    };
  }

  async redactProblem(problemId: string, at: Date, kept: KeptTexts): Promise<RedactedProblem> {
    await this.client.problem.update({
      where: { id: problemId },
      data: { ...EMPTIED, ...kept.problem, redactedAt: at },
    });
    for (const { id, ...texts } of kept.actions)
      await this.client.action.update({ where: { id }, data: texts });
    for (const { id, reason } of kept.boardAnswers) {
      await this.client.boardAnswer.update({ where: { id }, data: { reason } });
    }
    const updates = await this.client.actionUpdate.updateMany({
      where: { action: { problemId }, text: { not: REDACTED_TEXT } },
      data: { text: REDACTED_TEXT },
    });
    const meetings = await this.client.meeting.updateMany({
      where: {
        notes: { not: null },
        agenda: { some: { problemId }, every: { problem: { redactedAt: { not: null } } } },
      },
      data: { notes: null },
    });
    return { actionUpdates: updates.count, meetingNotes: meetings.count };
  }

  async redactActivityNotes(cutoff: Date): Promise<number> {
    const { count } = await this.client.activity.updateMany({
      where: { occurredOn: { lt: cutoff }, note: { not: null } },
      data: { note: null },
    });
    return count;
  }

  async removeOldMessages(cutoff: Date): Promise<{ messages: number; emailLinks: number }> {
    // Messages still to deliver stay, however old: the outbox gives them up in its own time.
    const messages = await this.client.outboxMessage.deleteMany({
      where: { state: { in: ["SENT", "FAILED"] }, createdAt: { lt: cutoff } },
    });
    const emailLinks = await this.client.emailLink.deleteMany({ where: { expiresAt: { lt: cutoff } } });
    return {
      messages: messages.count + (await this.removeOldChannelPosts(cutoff)),
      emailLinks: emailLinks.count,
    };
  }

  async removeExpiredFiles(now: Date): Promise<number> {
    const { count } = await this.client.publishedFile.deleteMany({ where: { expiresAt: { lte: now } } });
    return count;
  }

  /**
   * Posts to LDG channels' threads go the same way, but a thread's first post holds the anchor its
   * replies need: it stays until its problem has been redacted (a problem still open can still have news).
   */
  private async removeOldChannelPosts(cutoff: Date): Promise<number> {
    const done = { state: { in: ["SENT" as const, "FAILED" as const] }, createdAt: { lt: cutoff } };
    const replies = await this.client.channelPost.deleteMany({ where: { ...done, startsThread: false } });
    const starts = await this.client.channelPost.findMany({
      where: { ...done, startsThread: true },
      select: { problemRef: true },
    });
    const redacted = await this.client.problem.findMany({
      where: { ref: { in: starts.map((start) => start.problemRef) }, redactedAt: { not: null } },
      select: { ref: true },
    });
    const removed = await this.client.channelPost.deleteMany({
      where: { ...done, startsThread: true, problemRef: { in: redacted.map((problem) => problem.ref) } },
    });
    return replies.count + removed.count;
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}
