// The needs-assessment export as files for analysts: JSON (one document with both tables), or CSV
// (problems.csv and activity.csv in a folder). CSV cells are guarded against formulas.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { NeedsAssessmentData } from "../core/accountability/needs-assessment.js";
import { withFormulaGuard } from "../csv/formula-guard.js";

export const NEEDS_PROBLEM_COLUMNS = [
  "ref",
  "area_code",
  "area_name",
  "postcode_district",
  "category",
  "priority",
  "status",
  "classification",
  "repeat_location",
  "repeat_victim",
  "repeat_offender",
  "opened_on",
  "closed_on",
  "days_to_close",
  "partners",
  "partner_kinds",
  "outcome",
  "assessment",
] as const;

export const NEEDS_ACTIVITY_COLUMNS = ["area_code", "agency", "month", "count"] as const;

function csvOf<Row extends object>(rows: Row[], columns: readonly (keyof Row & string)[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => withFormulaGuard(String(row[column] ?? "")))),
    { header: true, columns: [...columns] },
  );
}

export function needsToJson(data: NeedsAssessmentData, period: { from: string; to: string }): string {
  return `${JSON.stringify({ from: period.from, to: period.to, ...data }, null, 2)}\n`;
}

/** Writes problems.csv and activity.csv into `folder`; returns their paths. */
export function writeNeedsCsv(data: NeedsAssessmentData, folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  const problems = path.join(folder, "problems.csv");
  const activity = path.join(folder, "activity.csv");
  writeFileSync(problems, csvOf(data.problems, NEEDS_PROBLEM_COLUMNS));
  writeFileSync(activity, csvOf(data.activity, NEEDS_ACTIVITY_COLUMNS));
  return [problems, activity];
}
