// What chasing reads and writes, as plain data: the store decides how to find it quickly.
import type { Rag } from "../actions/rag.js";
import type { ActionStatus } from "../actions/status.js";
import type { OutboxEntry } from "../outbox.js";
import type { Classification } from "../problems/model.js";
import type { Priority } from "../problems/priority.js";
import type { ChaseWindow } from "./window.js";

export interface ProblemHeadline {
  ref: string;
  title: string;
  priority: Priority;
  classification: Classification;
}

export interface ChaseAction {
  id: string;
  problemId: string;
  problem: ProblemHeadline;
  areaId: string;
  text: string;
  organisationName: string;
  assigneeId: string | null;
  status: ActionStatus;
  /** YYYY-MM-DD. */
  dueOn: string;
  /** When it was last proposed to someone (tasked or reassigned). */
  proposedAt: Date;
}

export interface ChaseReview {
  problemId: string;
  problem: ProblemHeadline;
  areaId: string;
  /** YYYY-MM-DD. */
  nextReviewOn: string;
}

/** A problem escalated to the Strategic Board that no member has answered since. */
export interface ChaseEscalation {
  problemId: string;
  problem: ProblemHeadline;
  areaId: string;
  escalatedAt: Date;
}

/** One of a reviewed problem's open actions, as its review chase lists it. */
export interface ReviewAction {
  text: string;
  organisationName: string;
  status: ActionStatus;
  dueOn: string;
}

export interface ChasePerson {
  id: string;
  deputyId: string | null;
  /** Back on this day, YYYY-MM-DD; away before it. */
  awayUntil: string | null;
  retired: boolean;
}

export interface ChaseStepRecord {
  /** `action:<id>` or `problem:<id>`. */
  subject: string;
  step: ChaseStepName;
  occurrence: string;
  recipientId: string;
  /**
   * Sent once to whoever stands for the assignee that day (the assignee or their deputy), rather
   * than once to each person: true for an assignee's reminder going to one person.
   */
  shared: boolean;
}

/** In the order a chase message lists them. */
export const CHASE_STEPS = [
  "review.due",
  "escalation.unanswered",
  "overdue.coordinator",
  "unaccepted.escalation",
  "overdue.reminder",
  "due.today",
  "due.soon",
  "unaccepted.reminder",
] as const;

export type ChaseStepName = (typeof CHASE_STEPS)[number];

/** One line of a chase message. */
export interface ChaseItem extends ProblemHeadline {
  step: ChaseStepName;
  actionText?: string;
  organisationName?: string;
  dueOn?: string;
  rag?: Rag;
  /** Working days overdue, for overdue steps. */
  daysOverdue?: number;
  /** Sent to this person because whoever it is for is away or has left. */
  covering?: boolean;
  /** For reviews: the problem's open actions. */
  actions?: { text: string; organisationName: string; dueOn: string; rag: Rag | null }[];
  /** For reviews: which problem, to find its actions (not sent). */
  problemId?: string;
}

export interface ChaseRepository {
  /** Each area's chase policy override (raw, as stored) and its coordinators. */
  areas(): Promise<
    { id: string; chasePolicy: unknown; coordinatorIds: string[]; boardMemberIds: string[] }[]
  >;
  /** Open actions that may be due a step today (see window.ts), in one read. */
  actionsToChase(window: ChaseWindow): Promise<ChaseAction[]>;
  /** Problems not closed whose review day is on or before `day`. */
  reviewsDueBy(day: string): Promise<ChaseReview[]>;
  /** Escalated problems with no board answer since they were escalated. */
  unansweredEscalations(): Promise<ChaseEscalation[]>;
  /** The open actions of these problems, soonest due first. */
  reviewActions(problemIds: string[]): Promise<Map<string, ReviewAction[]>>;
  /** Which of these step keys (see stepKey) were sent before. */
  alreadySent(keys: string[]): Promise<Set<string>>;
  people(ids: string[]): Promise<Map<string, ChasePerson>>;
  /**
   * Records each person's steps, skipping those already recorded (by stepKey), and writes each
   * person's message for their new steps, each person in one transaction. `messageFor` gets the
   * indexes of the new steps. Returns how many new steps each person had.
   */
  send(
    chases: { recipientId: string; steps: ChaseStepRecord[] }[],
    slotKey: string,
    messageFor: (chase: number, freshSteps: number[]) => OutboxEntry,
  ): Promise<number[]>;
}

/** Steps that remind the assignee, or whoever covers for them. */
export const ASSIGNEE_STEPS: ReadonlySet<ChaseStepName> = new Set([
  "unaccepted.reminder",
  "due.soon",
  "due.today",
  "overdue.reminder",
]);

/**
 * What makes a step the same step: an assignee's reminder is sent once to whoever stood for the
 * assignee (a deputy covering, or the assignee back from leave, does not get it again); an
 * escalation, a review, or a reminder the coordinators share while nobody covers, is sent once to
 * each person told.
 */
export function stepKey(step: ChaseStepRecord): string {
  const base = `${step.subject}|${step.step}|${step.occurrence}`;
  return step.shared ? base : `${base}|${step.recipientId}`;
}
