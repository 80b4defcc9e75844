// The retention job's storage: finds closed problems past the period and empties their personal
// details, their actions' update texts and, once every problem on its agenda is redacted, a
// meeting's notes, all in the caller's transaction.

import type { AuditEntry } from "../core/register/model.js";
import {
  PERSONAL_PROBLEM_FIELDS,
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
      where: { status: "CLOSED", redactedAt: null, closedAt: { lt: cutoff } },
      select: { id: true, ref: true, closedAt: true },
      orderBy: { closedAt: "asc" },
      take: limit,
    });
    return rows.map((row) => ({ id: row.id, ref: row.ref, closedAt: row.closedAt as Date }));
  }

  async redactProblem(problemId: string, at: Date): Promise<RedactedProblem> {
    await this.client.problem.update({ where: { id: problemId }, data: { ...EMPTIED, redactedAt: at } });
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

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}
