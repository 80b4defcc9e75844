// The quarter's public summary for one area: what a coordinator can publish or hand to scrutiny.
// It is OFFICIAL: counts below 5 are suppressed, and only outcomes of OFFICIAL problems appear,
// scrubbed of personal details.

import type { Priority } from "../problems/priority.js";
import { CATEGORY_LABELS } from "../problems/problem-input.js";
import type { OrganisationKind } from "../register/model.js";
import { ORGANISATION_KINDS } from "../register/vocabulary.js";
import type { PeriodAction, PeriodProblem } from "./model.js";
import { weekEnds } from "./period.js";
import { redactPersonalDetails } from "./redact.js";
import { publishedCount, publishedShare, SUPPRESSION_THRESHOLD } from "./small-numbers.js";

/** Weeks the trend covers, ending with the period's last day. */
export const TREND_WEEKS = 12;

export interface WeeklyOpenProblems {
  /** The week's last day, YYYY-MM-DD. */
  weekEnding: string;
  priority: Priority;
  /** Null where the count is below the suppression threshold: the chart leaves a gap. */
  open: number | null;
}

export interface AgencyOnTime {
  agency: string;
  /** "80%", or "fewer than 5 actions" */
  share: string;
  /** For the chart; null where suppressed. */
  percent: number | null;
}

export interface PublicSummary {
  area: { code: string; name: string };
  quarter: string;
  from: string;
  to: string;
  classification: "OFFICIAL";
  raised: string;
  closed: string;
  byCategory: { category: string; raised: string; closed: string }[];
  whatWasDone: string[];
  onTimeByAgency: AgencyOnTime[];
  openTrend: WeeklyOpenProblems[];
}

const within = (day: string | null, period: { from: string; to: string }) =>
  day !== null && day >= period.from && day <= period.to;

export function publicSummaryOf(
  area: { code: string; name: string },
  quarter: string,
  period: { from: string; to: string },
  problems: PeriodProblem[],
  actions: PeriodAction[],
  registerNames: string[],
): PublicSummary {
  const raised = problems.filter((problem) => within(problem.openedOn, period));
  const closed = problems.filter((problem) => within(problem.closedOn, period));

  const categories = [...new Set([...raised, ...closed].map((problem) => problem.category))].sort();
  const byCategory = categories.map((category) => ({
    category: CATEGORY_LABELS[category],
    raised: publishedCount(raised.filter((problem) => problem.category === category).length),
    closed: publishedCount(closed.filter((problem) => problem.category === category).length),
  }));

  const whatWasDone = closed
    .filter((problem) => problem.classification === "OFFICIAL" && problem.outcome)
    .map((problem) =>
      redactPersonalDetails(
        `${CATEGORY_LABELS[problem.category]}: ${problem.outcome}${problem.assessment ? ` ${problem.assessment}` : ""}`,
        [...problem.personalDetails, ...registerNames],
      ),
    );

  const byAgency = new Map<OrganisationKind, { due: number; onTime: number }>();
  for (const action of actions) {
    const tally = byAgency.get(action.organisationKind) ?? { due: 0, onTime: 0 };
    tally.due += 1;
    if (action.doneOn !== null && action.doneOn <= action.dueOn) tally.onTime += 1;
    byAgency.set(action.organisationKind, tally);
  }
  const onTimeByAgency = [...byAgency.entries()]
    .sort(([a], [b]) => ORGANISATION_KINDS[a].localeCompare(ORGANISATION_KINDS[b]))
    .map(([kind, tally]) => ({
      agency: ORGANISATION_KINDS[kind],
      share: publishedShare(tally.onTime, tally.due, "actions"),
      percent: tally.due < SUPPRESSION_THRESHOLD ? null : Math.round((100 * tally.onTime) / tally.due),
    }));

  const openTrend = weekEnds(period.to, TREND_WEEKS).flatMap((weekEnding) =>
    (["RED", "AMBER", "GREEN"] as const).map((priority) => {
      const open = problems.filter(
        (problem) =>
          problem.priority === priority &&
          problem.openedOn <= weekEnding &&
          (problem.closedOn === null || problem.closedOn > weekEnding),
      ).length;
      return { weekEnding, priority, open: open < SUPPRESSION_THRESHOLD ? null : open };
    }),
  );

  return {
    area,
    quarter,
    ...period,
    classification: "OFFICIAL",
    raised: publishedCount(raised.length),
    closed: publishedCount(closed.length),
    byCategory,
    whatWasDone,
    onTimeByAgency,
    openTrend,
  };
}
