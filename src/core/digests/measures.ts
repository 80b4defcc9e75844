// The board's measures: share of actions done on time, and the median age of problems at closing.
import { calendarDayInZone } from "../time/due-date.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole per cent of actions done on or before their due day; null when none were done. */
export function doneOnTimePercent(done: { dueOn: string; doneAt: Date }[], timeZone: string): number | null {
  if (done.length === 0) return null;
  const onTime = done.filter((action) => calendarDayInZone(action.doneAt, timeZone) <= action.dueOn).length;
  return Math.round((onTime / done.length) * 100);
}

/** Median days from raising to closing, to one decimal; null when none closed. */
export function medianDaysToClose(closed: { createdAt: Date; closedAt: Date }[]): number | null {
  if (closed.length === 0) return null;
  const days = closed.map((problem) => (problem.closedAt.getTime() - problem.createdAt.getTime()) / DAY_MS);
  days.sort((a, b) => a - b);
  const middle = Math.floor(days.length / 2);
  const median =
    days.length % 2 === 1
      ? (days[middle] as number)
      : ((days[middle - 1] as number) + (days[middle] as number)) / 2;
  return Math.round(median * 10) / 10;
}
