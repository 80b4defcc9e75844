// The needs-assessment export's rows: one per problem, anonymised (the district of the postcode
// only, never names; free text scrubbed), and officers' activity counted by area, agency and month.
import type { AgencyMonthCount } from "../activities/model.js";
import { CATEGORY_LABELS, CLASSIFICATION_LABELS } from "../problems/problem-input.js";
import type { PeriodProblem } from "./model.js";
import { redactPersonalDetails } from "./redact.js";

export interface NeedsProblemRow {
  ref: string;
  area_code: string;
  area_name: string;
  postcode_district: string;
  category: string;
  priority: string;
  status: string;
  classification: string;
  repeat_location: boolean;
  repeat_victim: boolean;
  repeat_offender: boolean;
  opened_on: string;
  closed_on: string;
  days_to_close: number | null;
  partners: string;
  partner_kinds: string;
  outcome: string;
  assessment: string;
}

export interface NeedsActivityRow {
  area_code: string;
  agency: string;
  month: string;
  count: number;
}

export interface NeedsAssessmentData {
  problems: NeedsProblemRow[];
  activity: NeedsActivityRow[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function needsAssessmentRows(
  problems: PeriodProblem[],
  activity: (AgencyMonthCount & { areaCode: string })[],
  registerNames: string[],
): NeedsAssessmentData {
  return {
    problems: problems.map((problem) => {
      const scrub = (text: string | null) =>
        text ? redactPersonalDetails(text, [...problem.personalDetails, ...registerNames]) : "";
      return {
        ref: problem.ref,
        area_code: problem.area.code,
        area_name: problem.area.name,
        postcode_district: problem.postcodeOutward ?? "",
        category: CATEGORY_LABELS[problem.category],
        priority: problem.priority,
        status: problem.status,
        classification: CLASSIFICATION_LABELS[problem.classification],
        repeat_location: problem.repeatLocation,
        repeat_victim: problem.repeatVictim,
        repeat_offender: problem.repeatOffender,
        opened_on: problem.openedOn,
        closed_on: problem.closedOn ?? "",
        days_to_close: problem.closedOn ? daysBetween(problem.openedOn, problem.closedOn) : null,
        partners: problem.partners.map((partner) => partner.name).join("; "),
        partner_kinds: [...new Set(problem.partners.map((partner) => partner.kind))].join("; "),
        outcome: scrub(problem.outcome),
        assessment: scrub(problem.assessment),
      };
    }),
    activity: activity.map((row) => ({
      area_code: row.areaCode,
      agency: row.agency,
      month: row.month,
      count: row.count,
    })),
  };
}
