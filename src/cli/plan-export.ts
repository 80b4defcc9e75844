// The plan as CSV (for spreadsheets) and Markdown (for email and papers). Titles and action texts
// are the only free text; personal details never appear. CSV cells are guarded against formulas.
import { stringify } from "csv-stringify/sync";
import type { Plan } from "../core/problems/plan.js";
import { CATEGORY_LABELS, CLASSIFICATION_LABELS } from "../core/problems/problem-input.js";
import { withFormulaGuard } from "../csv/formula-guard.js";

export function planToCsv(plan: Plan): string {
  const rows = plan.entries.flatMap(({ problem, actions }) => {
    const base = [
      problem.ref,
      problem.priority,
      problem.status,
      problem.title,
      CATEGORY_LABELS[problem.category],
      problem.nextReviewOn,
      problem.partners.map((partner) => partner.organisationName).join("; "),
      CLASSIFICATION_LABELS[problem.classification],
    ];
    if (actions.length === 0) return [[...base, "", "", "", "", ""]];
    return actions.map((action) => [
      ...base,
      action.text,
      action.organisationName,
      action.status,
      action.dueOn,
      action.rag ?? "",
    ]);
  });
  const header = [
    "ref",
    "priority",
    "status",
    "title",
    "category",
    "next_review",
    "partners",
    "classification",
    "action",
    "action_owner",
    "action_status",
    "action_due",
    "action_rag",
  ];
  return stringify([header, ...rows.map((row) => row.map(withFormulaGuard))]);
}

/** Markdown escapes for table cells. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function planToMarkdown(plan: Plan): string {
  const highest =
    CLASSIFICATION_LABELS[
      plan.entries.some((entry) => entry.problem.classification === "OFFICIAL_SENSITIVE")
        ? "OFFICIAL_SENSITIVE"
        : "OFFICIAL"
    ];
  const lines = [`**${highest}**`, "", `# Operational plan: ${plan.area.name} (${plan.area.code})`, ""];
  if (plan.entries.length === 0) lines.push("No open problems.");
  for (const { problem, actions } of plan.entries) {
    lines.push(
      `## ${problem.priority} ${problem.ref}: ${cell(problem.title)}`,
      "",
      `${CATEGORY_LABELS[problem.category]}; ${problem.status.toLowerCase()}; next review ${problem.nextReviewOn}; ` +
        `partners: ${problem.partners.map((partner) => partner.organisationName).join(", ") || "none yet"}`,
      "",
    );
    if (actions.length > 0) {
      lines.push("| RAG | action | owner | status | due |", "| --- | --- | --- | --- | --- |");
      for (const action of actions) {
        lines.push(
          `| ${action.rag ?? ""} | ${cell(action.text)} | ${cell(action.organisationName)} | ${action.status.toLowerCase()} | ${action.dueOn} |`,
        );
      }
      lines.push("");
    }
  }
  lines.push("", `**${highest}**`);
  return `${lines.join("\n")}\n`;
}
