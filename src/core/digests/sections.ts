// A digest as titled sections of lines: what both the chat and the Markdown renderings show.

import type { TopLevelSpec } from "vega-lite";
import { onTimeByAgencySpec, openProblemsTrendSpec } from "../../reports/chart-specs.js";
import { TREND_WEEKS } from "../accountability/public-summary.js";
import { CLASSIFICATION_LABELS } from "../problems/problem-input.js";
import { monthsInWords } from "../register/register.js";
import { ukDay, ukShortDayAndTime } from "../time/due-date.js";
import type { BoardDigest, WeeklyDigest } from "./model.js";
import type { DigestTrends } from "./trends.js";

export interface DigestSection {
  title: string;
  lines: string[];
  /** Said when there are no lines. */
  empty?: string;
  /** A picture of the lines, where the reader's platform can show one; the lines say it in words. */
  chart?: TopLevelSpec;
}

/** A section lists this many lines, then says how many more there are. */
const LINES_PER_SECTION = 25;

function capped(document: DigestDocument): DigestDocument {
  const sections = document.sections.map((section) =>
    section.lines.length > LINES_PER_SECTION
      ? {
          ...section,
          lines: [
            ...section.lines.slice(0, LINES_PER_SECTION),
            `and ${section.lines.length - LINES_PER_SECTION} more`,
          ],
        }
      : section,
  );
  return { ...document, sections };
}

export interface DigestDocument {
  title: string;
  summary: string;
  classification: string;
  sections: DigestSection[];
}

type Headline = {
  ref: string;
  title: string;
  priority: string;
  classification: keyof typeof CLASSIFICATION_LABELS;
};

function headline(problem: Headline): string {
  return `${problem.ref} ${problem.title} (${problem.priority}, ${CLASSIFICATION_LABELS[problem.classification]})`;
}

function priorities(counts: { RED: number; AMBER: number; GREEN: number }): string {
  return `RED ${counts.RED}, AMBER ${counts.AMBER}, GREEN ${counts.GREEN}`;
}

function figure(value: number | null, unit: string): string {
  return value === null ? "none" : `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
}

export function weeklySections(digest: WeeklyDigest): DigestDocument {
  return capped(weeklyDocument(digest));
}

export function boardSections(digest: BoardDigest): DigestDocument {
  return capped(boardDocument(digest));
}

/** The trend charts' sections: each chart, with its figures in words for text and screen readers. */
function trendSections(trends: DigestTrends | undefined): DigestSection[] {
  if (!trends) return [];
  const weeks = [...new Set(trends.openByPriority.map((point) => point.weekEnding))];
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const openOn = (weekEnding: string | undefined, priority: string) =>
    trends.openByPriority.find((point) => point.weekEnding === weekEnding && point.priority === priority)
      ?.open ?? 0;
  const sections: DigestSection[] = [
    {
      title: `Open problems by priority, last ${TREND_WEEKS} weeks`,
      lines: (["RED", "AMBER", "GREEN"] as const).map(
        (priority) =>
          `${priority}: ${openOn(first, priority)} at ${first ? ukDay(first) : "the start"}, ${openOn(last, priority)} at ${last ? ukDay(last) : "the end"}`,
      ),
      chart: openProblemsTrendSpec(trends.openByPriority),
    },
  ];
  sections.push({
    title: `Actions done on time by agency, last ${TREND_WEEKS} weeks`,
    lines: trends.onTimeByAgency.map((row) => `${row.agency}: ${row.percent}% of ${row.done}`),
    empty: "No actions done in these weeks.",
    ...(trends.onTimeByAgency.length > 0 ? { chart: onTimeByAgencySpec(trends.onTimeByAgency) } : {}),
  });
  return sections;
}

function weeklyDocument(digest: WeeklyDigest): DigestDocument {
  const title = `${digest.area.name} weekly digest, ${ukDay(digest.from)} to ${ukDay(digest.to)}`;
  const overdue = digest.overdueByOrganisation.reduce((sum, row) => sum + row.count, 0);
  return {
    title,
    classification: CLASSIFICATION_LABELS[digest.classification],
    summary: `${title}: ${digest.newProblems.length} new, ${overdue} overdue actions, ${digest.declined.length} declined`,
    sections: [
      {
        title: "New problems",
        lines: digest.newProblems.map((problem) => `${headline(problem)}, ${problem.category}`),
        empty: "None this week.",
      },
      { title: "Open problems by priority", lines: [priorities(digest.openByPriority)] },
      {
        title: "Overdue actions by organisation",
        lines: digest.overdueByOrganisation.map(
          (row) => `${row.organisationName}: ${row.count}, oldest due ${ukDay(row.oldestDueOn)}`,
        ),
        empty: "None overdue.",
      },
      {
        title: "Meetings this week",
        lines: digest.meetings.map(
          (meeting) =>
            `${ukShortDayAndTime(new Date(meeting.startsAt))}: ${meeting.kind}${meeting.refs.length ? ` on ${meeting.refs.join(", ")}` : ""}`,
        ),
        empty: "No meetings in the next seven days.",
      },
      {
        title: "Declined actions needing a new owner",
        lines: digest.declined.map(
          (row) => `${headline(row)}: ${row.organisationName} declined "${row.actionText}"`,
        ),
        empty: "None.",
      },
      {
        title: `Register entries not verified for ${monthsInWords(digest.verifyEveryMonths)}`,
        lines: digest.unverified.map(
          (row) =>
            `${row.name}, ${row.organisationName}: ${row.verifiedOn ? `last verified ${ukDay(row.verifiedOn)}` : "never verified"}${row.check ? `; ${row.check}` : ""}`,
        ),
        empty: "Every entry is up to date.",
      },
      {
        title: "Problems closed",
        lines: digest.closed.map((row) => `${headline(row)}${row.outcome ? `: ${row.outcome}` : ""}`),
        empty: "None this week.",
      },
      {
        title: "People ldg-bot cannot reach",
        lines: digest.unreachable.map(
          (row) =>
            `${row.name}, ${row.organisationName}: not in Slack, has not spoken to ldg-bot in Teams, and email is off or bounced`,
        ),
        empty: "Everyone can be reached.",
      },
      ...trendSections(digest.trends),
    ],
  };
}

function boardDocument(digest: BoardDigest): DigestDocument {
  const title = `${digest.board} digest, ${ukDay(digest.from)} to ${ukDay(digest.to)}`;
  const more = digest.longOverdueTotal - digest.longOverdue.length;
  return {
    title,
    classification: CLASSIFICATION_LABELS[digest.classification],
    summary: `${title}: ${digest.escalations.length} escalations, ${digest.longOverdueTotal} actions overdue two weeks or more`,
    sections: [
      {
        title: "Escalations",
        lines: digest.escalations.map(
          (row) => `${row.areaCode}: ${headline(row)}${row.reason ? `: ${row.reason}` : ""}`,
        ),
        empty: "None.",
      },
      {
        title: "Actions overdue two weeks or more",
        lines: [
          ...digest.longOverdue.map(
            (row) =>
              `${row.areaCode}: ${headline(row)}: ${row.organisationName}, "${row.actionText}", due ${ukDay(row.dueOn)}, ${row.daysOverdue} working days overdue`,
          ),
          ...(more > 0 ? [`and ${more} more`] : []),
        ],
        empty: "None.",
      },
      ...digest.areas.map((area) => ({
        title: `${area.name} (${area.code}): this week against the four weeks before`,
        lines: [
          `Actions done on time: ${figure(area.doneOnTimePercent.thisWeek, "%")} (before: ${figure(area.doneOnTimePercent.lastFourWeeks, "%")})`,
          `Median days to close a problem: ${figure(area.medianDaysToClose.thisWeek, "")} (before: ${figure(area.medianDaysToClose.lastFourWeeks, "")})`,
          `Open problems by priority: ${priorities(area.openByPriority)}`,
          `Open problems by category: ${area.openByCategory.map((row) => `${row.category} ${row.count}`).join(", ") || "none"}`,
          `Officers' activity by agency served (a week, before as a weekly average): ${
            area.activityByAgency
              .map((row) => `${row.agency} ${figure(row.thisWeek, "")} (${figure(row.lastFourWeeks, "")})`)
              .join(", ") || "none logged"
          }`,
        ],
      })),
      ...trendSections(digest.trends),
    ],
  };
}
