// Retention: once a problem has been closed longer than the retention period, the personal details
// it holds are removed for good, while what the measures and the needs export count stays (its
// reference, area, category, priority, status, dates, partners, actions and outcome). Officers'
// activity notes go after the same period. Each problem's redaction is audited in the same
// transaction; running again finds nothing left to do.
import type { AuditEntry } from "../register/model.js";

/** What the retention job leaves where an action update's text was. */
export const REDACTED_TEXT = "[removed after the retention period]";

export const DEFAULT_RETENTION_MONTHS = 12;

/** A problem's fields that may hold personal details; the retention job empties them all. */
export const PERSONAL_PROBLEM_FIELDS = [
  "description",
  "locationText",
  "postcode",
  "gridReference",
  "victimOrTarget",
  "guardian",
  "offender",
  "handler",
  "placeManager",
] as const;

export interface RedactedProblem {
  /** Action updates whose text was replaced. */
  actionUpdates: number;
  /** Meetings whose notes were removed: every problem on their agenda is now redacted. */
  meetingNotes: number;
}

export interface RetentionRepository {
  transaction<T>(work: (repository: RetentionRepository) => Promise<T>): Promise<T>;
  /** Closed before `cutoff` and not yet redacted, oldest first. */
  problemsDueRedaction(cutoff: Date, limit: number): Promise<{ id: string; ref: string; closedAt: Date }[]>;
  redactProblem(problemId: string, at: Date): Promise<RedactedProblem>;
  /** Empties the notes of activities that happened before `cutoff`; returns how many. */
  redactActivityNotes(cutoff: Date): Promise<number>;
  recordAudit(entry: AuditEntry): Promise<void>;
}

const ACTOR_LABEL = "ldg-bot retention job";
/** Problems redacted per transaction: a first run over years of history stays in short steps. */
const BATCH = 100;

/** `months` calendar months before `now` (the 31st falls back to the month's last day). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

export class Retention {
  constructor(
    private readonly repository: RetentionRepository,
    private readonly months: number = DEFAULT_RETENTION_MONTHS,
  ) {}

  async run(now: Date): Promise<{ problemsRedacted: number; activityNotesRedacted: number; cutoff: string }> {
    const cutoff = retentionCutoff(now, this.months);
    let problemsRedacted = 0;
    for (;;) {
      const due = await this.repository.problemsDueRedaction(cutoff, BATCH);
      if (due.length === 0) break;
      for (const problem of due) {
        await this.repository.transaction(async (repository) => {
          const redacted = await repository.redactProblem(problem.id, now);
          await repository.recordAudit({
            actorId: null,
            actorLabel: ACTOR_LABEL,
            verb: "problem.redacted",
            entityType: "Problem",
            entityId: problem.id,
            before: null,
            after: {
              ref: problem.ref,
              closedAt: problem.closedAt.toISOString(),
              retentionMonths: this.months,
              fields: [...PERSONAL_PROBLEM_FIELDS],
              ...redacted,
            },
          });
        });
        problemsRedacted++;
      }
    }
    const activityNotesRedacted = await this.repository.transaction(async (repository) => {
      const count = await repository.redactActivityNotes(cutoff);
      if (count > 0) {
        await repository.recordAudit({
          actorId: null,
          actorLabel: ACTOR_LABEL,
          verb: "activity.notes-redacted",
          entityType: "Activity",
          entityId: `before ${cutoff.toISOString()}`,
          before: null,
          after: { count, retentionMonths: this.months },
        });
      }
      return count;
    });
    return { problemsRedacted, activityNotesRedacted, cutoff: cutoff.toISOString() };
  }
}
