// The digests' trends, drawn as charts where the platform can show a picture: open problems by
// priority at the end of each of the last twelve weeks, and the share of actions each kind of
// agency did on time over those weeks. Counts only; the digests go to coordinators and the board,
// so nothing is suppressed here (the public summary suppresses small numbers).

import { weekEnds } from "../accountability/period.js";
import { TREND_WEEKS } from "../accountability/public-summary.js";
import type { Priority } from "../problems/priority.js";
import type { OrganisationKind } from "../register/model.js";
import { ORGANISATION_KINDS } from "../register/vocabulary.js";
import { addCalendarDays, calendarDayInZone } from "../time/due-date.js";

const PRIORITIES: Priority[] = ["RED", "AMBER", "GREEN"];

export interface DigestTrends {
  openByPriority: { weekEnding: string; priority: Priority; open: number }[];
  onTimeByAgency: { agency: string; percent: number; done: number }[];
}

/** The first day the trends look at, for a digest made on `today`. */
export function trendsFrom(today: string): string {
  return addCalendarDays(today, -7 * TREND_WEEKS + 1);
}

export function digestTrends(
  today: string,
  timeZone: string,
  problems: { priority: Priority; createdAt: Date; closedAt: Date | null }[],
  done: { dueOn: string; doneAt: Date; agency: OrganisationKind }[],
): DigestTrends {
  const spans = problems.map((problem) => ({
    priority: problem.priority,
    openedOn: calendarDayInZone(problem.createdAt, timeZone),
    closedOn: problem.closedAt ? calendarDayInZone(problem.closedAt, timeZone) : null,
  }));
  const openByPriority = weekEnds(today, TREND_WEEKS).flatMap((weekEnding) =>
    PRIORITIES.map((priority) => ({
      weekEnding,
      priority,
      open: spans.filter(
        (span) =>
          span.priority === priority &&
          span.openedOn <= weekEnding &&
          (span.closedOn === null || span.closedOn > weekEnding),
      ).length,
    })),
  );

  const byAgency = new Map<OrganisationKind, { done: number; onTime: number }>();
  const from = trendsFrom(today);
  for (const action of done) {
    const doneOn = calendarDayInZone(action.doneAt, timeZone);
    if (doneOn < from || doneOn > today) continue;
    const tally = byAgency.get(action.agency) ?? { done: 0, onTime: 0 };
    tally.done += 1;
    if (doneOn <= action.dueOn) tally.onTime += 1;
    byAgency.set(action.agency, tally);
  }
  const onTimeByAgency = [...byAgency]
    .map(([kind, tally]) => ({
      agency: ORGANISATION_KINDS[kind],
      percent: Math.round((tally.onTime / tally.done) * 100),
      done: tally.done,
    }))
    .sort((a, b) => a.agency.localeCompare(b.agency));
  return { openByPriority, onTimeByAgency };
}
