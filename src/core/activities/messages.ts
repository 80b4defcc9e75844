// How logged activity reads in chat: the confirmation, an officer's recent work, and the counts by
// agency and month. Notes are never echoed: they may name people or places (DESIGN.md, Privacy),
// and a chat reply can be read over a shoulder or forwarded.
import { type Block, type ChatMessage, textMessage } from "../../chat/message.js";
import type { OrganisationKind } from "../register/model.js";
import { ORGANISATION_KINDS } from "../register/vocabulary.js";
import { ukDay } from "../time/due-date.js";
import { ACTIVITY_KINDS, type Activity, type AgencyMonthCount } from "./model.js";

// Agencies are listed in the register's order (police, fire and rescue, ambulance...), whatever
// order they were typed or stored in, so the same activity always reads the same.
const AGENCY_ORDER = Object.keys(ORGANISATION_KINDS) as OrganisationKind[];

type AgencyCount = Omit<AgencyMonthCount, "month">;

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function inAgencyOrder<T>(items: T[], agencyOf: (item: T) => OrganisationKind): T[] {
  return [...items].sort((a, b) => AGENCY_ORDER.indexOf(agencyOf(a)) - AGENCY_ORDER.indexOf(agencyOf(b)));
}

function describe(activity: Activity): string {
  const agencies = inAgencyOrder(activity.agencies, (agency) => agency).map(
    (agency) => ORGANISATION_KINDS[agency],
  );
  return `${ACTIVITY_KINDS[activity.kind]} on ${ukDay(activity.occurredOn)} for ${agencies.join(", ")}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `2026-11` -> `November 2026`. */
function monthName(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

export function loggedMessage(activity: Activity): ChatMessage {
  return textMessage(`Logged: ${describe(activity)}.${activity.note ? " Your note is saved with it." : ""}`);
}

export function recentActivityMessage(activities: Activity[]): ChatMessage {
  if (activities.length === 0) {
    return textMessage('You have not logged any activity yet. Try "log swv for fire, ambulance".');
  }
  const summary = `Your last ${activities.length} logged ${activities.length === 1 ? "activity" : "activities"}`;
  return {
    summary,
    blocks: [
      { kind: "heading", text: "Your recent activity" },
      {
        kind: "list",
        items: activities.map(
          (activity) => capitalised(describe(activity)) + (activity.note ? " (note)" : ""),
        ),
      },
    ],
  };
}

/** The counts as one section per month, then the period's totals when it spans several months. */
export function activityCountsMessage(
  counts: AgencyMonthCount[],
  period: { from: string; to: string },
): ChatMessage {
  const between = `${ukDay(period.from)} to ${ukDay(period.to)}`;
  if (counts.length === 0) return textMessage(`No activity was logged for ${between}.`);

  const byMonth = new Map<string, AgencyCount[]>();
  const totals = new Map<OrganisationKind, number>();
  for (const { month, agency, count } of counts) {
    byMonth.set(month, [...(byMonth.get(month) ?? []), { agency, count }]);
    totals.set(agency, (totals.get(agency) ?? 0) + count);
  }
  const blocks: Block[] = [{ kind: "heading", text: `Activity by agency, ${between}` }];
  for (const [month, monthCounts] of byMonth) {
    blocks.push({ kind: "text", text: monthName(month) }, factsOf(monthCounts));
  }
  if (byMonth.size > 1) {
    const periodCounts = [...totals].map(([agency, count]) => ({ agency, count }));
    blocks.push({ kind: "text", text: "Whole period" }, factsOf(periodCounts));
  }
  blocks.push({
    kind: "text",
    text: "An activity done for several agencies counts once for each of them.",
  });
  return { summary: `Activity by agency and month, ${between}`, blocks };
}

function factsOf(counts: AgencyCount[]): Block {
  return {
    kind: "facts",
    facts: inAgencyOrder(counts, (count) => count.agency).map((count) => ({
      label: capitalised(ORGANISATION_KINDS[count.agency]),
      value: String(count.count),
    })),
  };
}
