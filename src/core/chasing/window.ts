// Which actions a chase run reads: only those that may be due a step today, so that a county's run
// does not read every open action every time. Working days are counted back from today.
import { addCalendarDays } from "../time/due-date.js";
import { addWorkingDays, isWorkingDay } from "../time/working-days.js";
import type { ChasePolicy } from "./policy.js";

/**
 * A once-only step (a reminder to accept, an escalation, the coordinator's overdue notice) missed
 * while the bot was down this many working days is still sent late. A recurring overdue reminder
 * is not: the next one comes on its own day.
 */
export const CATCH_UP_WORKING_DAYS = 3;
/** Overdue actions older than this are not chased again (the board digest still lists them). */
const OVERDUE_LOOKBACK_DAYS = 2 * 365;

export interface ChaseWindow {
  today: string;
  /** Proposed actions last proposed on or after this day and before `proposedBefore`. */
  proposedFrom: string;
  proposedBefore: string;
  /** Accepted actions due from today to this day. */
  dueSoonBy: string;
  /** Overdue actions due on one of these days: the days whose overdue count makes a step today. */
  overdueDueDays: string[];
}

export function chaseWindow(today: string, policies: ChasePolicy[]): ChaseWindow {
  const reminder = Math.min(...policies.map((policy) => policy.unacceptedReminderDays));
  const escalation = Math.max(...policies.map((policy) => policy.unacceptedEscalationDays));
  const overdueDueDays: string[] = [];
  let proposedFrom = today;
  // Walking back a day at a time: `elapsed` is how many working days follow `day` up to today.
  let elapsed = 0;
  for (let back = 1; back <= OVERDUE_LOOKBACK_DAYS; back++) {
    const after = addCalendarDays(today, 1 - back);
    if (isWorkingDay(after)) elapsed += 1;
    const day = addCalendarDays(today, -back);
    if (elapsed <= escalation + CATCH_UP_WORKING_DAYS) proposedFrom = day;
    if (elapsed >= 1 && policies.some((policy) => isOverdueStepDay(elapsed, policy)))
      overdueDueDays.push(day);
  }
  return {
    today,
    proposedFrom,
    proposedBefore: latestDayWithElapsed(today, reminder),
    dueSoonBy: addWorkingDays(today, Math.max(...policies.map((policy) => policy.dueSoonDays))),
    overdueDueDays,
  };
}

function isOverdueStepDay(elapsed: number, policy: ChasePolicy): boolean {
  if ((elapsed - 1) % policy.overdueEveryDays === 0) return true;
  return (
    elapsed >= policy.overdueCoordinatorDays &&
    elapsed <= policy.overdueCoordinatorDays + CATCH_UP_WORKING_DAYS
  );
}

/** The day after the latest day with at least `count` working days after it up to today. */
function latestDayWithElapsed(today: string, count: number): string {
  let day = today;
  let elapsed = 0;
  while (elapsed < count) {
    if (isWorkingDay(day)) elapsed += 1;
    day = addCalendarDays(day, -1);
  }
  return addCalendarDays(day, 1);
}
