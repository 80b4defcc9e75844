// The public summary as a self-contained HTML page (styles and charts inline, nothing fetched) and
// as Markdown (charts as embedded images). Marked OFFICIAL at the top and the bottom.
import type { PublicSummary } from "../core/accountability/public-summary.js";
import { SUPPRESSION_THRESHOLD } from "../core/accountability/small-numbers.js";
import { ukDay } from "../core/time/due-date.js";
import { onTimeByAgencySpec, openProblemsTrendSpec } from "./chart-specs.js";
import { chartSvg } from "./charts.js";

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Markdown table cells: pipes and line breaks would break the table; markup is shown as typed. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, "\\$&").replace(/\s+/g, " ");
}

const SUPPRESSION_NOTE = `Counts below ${SUPPRESSION_THRESHOLD} are shown as "fewer than ${SUPPRESSION_THRESHOLD}", and left out of the charts, so that nobody can be identified.`;

function heading(summary: PublicSummary): string {
  return `${summary.area.name} Local Delivery Group: ${summary.quarter}`;
}

function period(summary: PublicSummary): string {
  return `${ukDay(summary.from)} to ${ukDay(summary.to)}`;
}

export async function publicSummaryHtml(summary: PublicSummary): Promise<string> {
  const [trend, onTime] = await Promise.all([
    chartSvg(openProblemsTrendSpec(summary.openTrend)),
    chartSvg(onTimeByAgencySpec(summary.onTimeByAgency)),
  ]);
  const rows = (cells: string[][]) =>
    cells.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("\n");
  const categoryTable =
    summary.byCategory.length === 0
      ? "<p>No problems were raised or closed in this quarter.</p>"
      : `<table><thead><tr><th>Category</th><th>Raised</th><th>Closed</th></tr></thead><tbody>
${rows(summary.byCategory.map((row) => [row.category, row.raised, row.closed]))}
</tbody></table>`;
  const agencyTable =
    summary.onTimeByAgency.length === 0
      ? "<p>No actions fell due in this quarter.</p>"
      : `<table><thead><tr><th>Agency</th><th>Done on time</th></tr></thead><tbody>
${rows(summary.onTimeByAgency.map((row) => [row.agency, row.share]))}
</tbody></table>`;
  const done =
    summary.whatWasDone.length === 0
      ? "<p>No outcomes can be published for this quarter.</p>"
      : `<ul>${summary.whatWasDone.map((line) => `<li>${escapeHtml(line)}</li>`).join("\n")}</ul>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading(summary))}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; line-height: 1.5; }
.marking { font-weight: bold; text-align: center; letter-spacing: 0.1em; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 1rem 0.4rem 0; text-align: left; }
figure { margin: 1rem 0; }
.note { color: #505a5f; font-size: 0.9rem; }
</style>
</head>
<body>
<p class="marking">${summary.classification}</p>
<h1>${escapeHtml(heading(summary))}</h1>
<p>${escapeHtml(period(summary))}. Problems raised: ${escapeHtml(summary.raised)}. Problems closed: ${escapeHtml(summary.closed)}.</p>
<h2>Problems by category</h2>
${categoryTable}
<h2>What was done</h2>
${done}
<h2>Actions done on time, by agency</h2>
${agencyTable}
<figure>${onTime}<figcaption>Share of actions done on time, by agency</figcaption></figure>
<h2>Open problems by priority</h2>
<figure>${trend}<figcaption>Open problems at the end of each of the last twelve weeks</figcaption></figure>
<p class="note">${escapeHtml(SUPPRESSION_NOTE)} Personal details have been removed.</p>
<p class="marking">${summary.classification}</p>
</body>
</html>
`;
}

function svgImage(alt: string, svg: string): string {
  return `![${alt}](data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")})`;
}

export async function publicSummaryMarkdown(summary: PublicSummary): Promise<string> {
  const [trend, onTime] = await Promise.all([
    chartSvg(openProblemsTrendSpec(summary.openTrend)),
    chartSvg(onTimeByAgencySpec(summary.onTimeByAgency)),
  ]);
  const lines = [
    `**${summary.classification}**`,
    "",
    `# ${escapeMarkdown(heading(summary))}`,
    "",
    `${period(summary)}. Problems raised: ${summary.raised}. Problems closed: ${summary.closed}.`,
    "",
    "## Problems by category",
    "",
  ];
  if (summary.byCategory.length === 0) lines.push("No problems were raised or closed in this quarter.");
  else {
    lines.push("| Category | Raised | Closed |", "| --- | --- | --- |");
    for (const row of summary.byCategory) {
      lines.push(`| ${escapeMarkdown(row.category)} | ${row.raised} | ${row.closed} |`);
    }
  }
  lines.push("", "## What was done", "");
  if (summary.whatWasDone.length === 0) lines.push("No outcomes can be published for this quarter.");
  else lines.push(...summary.whatWasDone.map((line) => `- ${escapeMarkdown(line)}`));
  lines.push("", "## Actions done on time, by agency", "");
  if (summary.onTimeByAgency.length === 0) lines.push("No actions fell due in this quarter.");
  else {
    lines.push("| Agency | Done on time |", "| --- | --- |");
    for (const row of summary.onTimeByAgency) lines.push(`| ${escapeMarkdown(row.agency)} | ${row.share} |`);
  }
  lines.push(
    "",
    svgImage("Share of actions done on time, by agency", onTime),
    "",
    "## Open problems by priority",
    "",
    svgImage("Open problems by priority, last twelve weeks", trend),
    "",
    `_${SUPPRESSION_NOTE} Personal details have been removed._`,
    "",
    `**${summary.classification}**`,
    "",
  );
  return lines.join("\n");
}
