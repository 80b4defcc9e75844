// Retention: once a problem has been closed longer than the retention period, the personal details
// it holds are removed for good, while what the measures and the needs export count stays (its
// reference, area, category, priority, status, dates, partners, actions and outcome). The free text
// that stays (title, outcome, actions...) is scrubbed of those details first, as the needs export
// would scrub it: once the details are gone, nothing could tell them apart in that text any more.
// Officers' activity notes go after the same period, and the files Teams cards linked to once they
// expire. Each problem's redaction is audited in the same transaction; running again finds nothing
// left to do.
import { redactPersonalDetails } from "../accountability/redact.js";
import { PERSONAL_PROBLEM_FIELDS } from "../problems/model.js";
import type { AuditEntry } from "../register/model.js";

/** What the retention job leaves where an action update's text was. */
export const REDACTED_TEXT = "[removed after the retention period]";

export const DEFAULT_RETENTION_MONTHS = 12;

/** The free text kept after redaction, by record, as stored. */
export interface KeptTexts {
  problem: {
    title: string;
    objectiveDetail: string | null;
    outcome: string | null;
    assessment: string | null;
    escalationReason: string | null;
  };
  actions: { id: string; text: string; declineReason: string | null; outcome: string | null }[];
  boardAnswers: { id: string; reason: string }[];
}

export interface ProblemTexts extends KeptTexts {
  /** The values of the problem's personal fields that are set. */
  personalDetails: string[];
}

export interface RedactedProblem {
  /** Action updates whose text was replaced. */
  actionUpdates: number;
  /** Meetings whose notes were removed: every problem on their agenda is now redacted. */
  meetingNotes: number;
}

export interface RetentionRepository {
  transaction<T>(work: (repository: RetentionRepository) => Promise<T>): Promise<T>;
  /** Closed before `cutoff` and not redacted since they were last closed, oldest first. */
  problemsDueRedaction(cutoff: Date, limit: number): Promise<{ id: string; ref: string; closedAt: Date }[]>;
  textsOf(problemId: string): Promise<ProblemTexts>;
  /** Empties the personal fields, writes the scrubbed texts, and marks the problem redacted. */
  redactProblem(problemId: string, at: Date, kept: KeptTexts): Promise<RedactedProblem>;
  /** Empties the notes of activities that happened before `cutoff`; returns how many. */
  redactActivityNotes(cutoff: Date): Promise<number>;
  /**
   * Removes messages written before `cutoff` that were delivered or given up (their payloads carry
   * references, titles and action texts), to people and to LDG channels' threads, and email links
   * that expired before it. Returns how many.
   */
  removeOldMessages(cutoff: Date): Promise<{ messages: number; emailLinks: number }>;
  /** Removes the files Teams cards linked to (charts, calendar files) that expired by `now`; returns how many. */
  removeExpiredFiles(now: Date): Promise<number>;
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

  async run(now: Date): Promise<{
    problemsRedacted: number;
    activityNotesRedacted: number;
    messagesRemoved: number;
    emailLinksRemoved: number;
    publishedFilesRemoved: number;
    cutoff: string;
  }> {
    const cutoff = retentionCutoff(now, this.months);
    let problemsRedacted = 0;
    for (;;) {
      const due = await this.repository.problemsDueRedaction(cutoff, BATCH);
      if (due.length === 0) break;
      for (const problem of due) {
        await this.repository.transaction(async (repository) => {
          const { personalDetails, ...kept } = await repository.textsOf(problem.id);
          const redacted = await repository.redactProblem(problem.id, now, scrubbed(kept, personalDetails));
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
    const removed = await this.repository.transaction(async (repository) => {
      const counts = await repository.removeOldMessages(cutoff);
      if (counts.messages + counts.emailLinks > 0) {
        await repository.recordAudit({
          actorId: null,
          actorLabel: ACTOR_LABEL,
          verb: "outbox.removed",
          entityType: "OutboxMessage",
          entityId: `before ${cutoff.toISOString()}`,
          before: null,
          after: { ...counts, retentionMonths: this.months },
        });
      }
      return counts;
    });
    // Copies of what messages said, past the date their links promised: no audit of their own.
    const publishedFilesRemoved = await this.repository.removeExpiredFiles(now);
    return {
      problemsRedacted,
      activityNotesRedacted,
      messagesRemoved: removed.messages,
      emailLinksRemoved: removed.emailLinks,
      publishedFilesRemoved,
      cutoff: cutoff.toISOString(),
    };
  }
}

/** The kept texts without the problem's personal details, or identifiers such as phone numbers. */
function scrubbed(kept: KeptTexts, personalDetails: string[]): KeptTexts {
  const scrub = (text: string) => redactPersonalDetails(text, personalDetails);
  const maybe = (text: string | null) => (text === null ? null : scrub(text));
  const { problem } = kept;
  return {
    problem: {
      title: scrub(problem.title),
      objectiveDetail: maybe(problem.objectiveDetail),
      outcome: maybe(problem.outcome),
      assessment: maybe(problem.assessment),
      escalationReason: maybe(problem.escalationReason),
    },
    // Only records whose text changes are written: a rewrite would look like activity to chasing.
    actions: kept.actions
      .map((action) => ({
        id: action.id,
        text: scrub(action.text),
        declineReason: maybe(action.declineReason),
        outcome: maybe(action.outcome),
      }))
      .filter((action, index) => JSON.stringify(action) !== JSON.stringify(kept.actions[index])),
    boardAnswers: kept.boardAnswers
      .map((answer) => ({ id: answer.id, reason: scrub(answer.reason) }))
      .filter((answer, index) => answer.reason !== kept.boardAnswers[index]?.reason),
  };
}
