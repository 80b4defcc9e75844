// When actions and reviews are chased (DESIGN.md, "Chasing"). Counts are working days; each area
// may change any of them (Area.chasePolicy), and what it leaves out keeps the default.
import { z } from "zod";

export interface ChasePolicy {
  /** Not accepted after this many working days: a reminder to the assignee. */
  unacceptedReminderDays: number;
  /** Not accepted after this many: the assignee's deputy and the area's coordinators are told. */
  unacceptedEscalationDays: number;
  /** Accepted: a reminder this many working days before it is due (and another on the day). */
  dueSoonDays: number;
  /** Overdue: a reminder on the first working day overdue, then every this many. */
  overdueEveryDays: number;
  /** Overdue this many working days: the coordinators are told. */
  overdueCoordinatorDays: number;
  /** Overdue this many working days: it is in the board's digest. */
  overdueBoardDays: number;
  /** An escalation the board has not answered in this many working days: its members are reminded. */
  boardAnswerDays: number;
}

export const DEFAULT_CHASE_POLICY: ChasePolicy = {
  unacceptedReminderDays: 2,
  unacceptedEscalationDays: 4,
  dueSoonDays: 2,
  overdueEveryDays: 3,
  overdueCoordinatorDays: 7,
  overdueBoardDays: 14,
  boardAnswerDays: 10,
};

const days = z.number().int().min(1).max(60);

export const chasePolicyOverrideSchema = z
  .object({
    unacceptedReminderDays: days,
    unacceptedEscalationDays: days,
    dueSoonDays: days,
    overdueEveryDays: days,
    overdueCoordinatorDays: days,
    overdueBoardDays: days,
    boardAnswerDays: days,
  })
  .partial()
  .strict();

/** The area's policy: its overrides over the defaults. A stored override that no longer fits is ignored. */
export function policyFor(override: unknown): ChasePolicy {
  if (override === null || override === undefined) return DEFAULT_CHASE_POLICY;
  const parsed = chasePolicyOverrideSchema.safeParse(override);
  return parsed.success ? { ...DEFAULT_CHASE_POLICY, ...parsed.data } : DEFAULT_CHASE_POLICY;
}
