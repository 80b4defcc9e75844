// Trend charts as SVG, drawn by Vega-Lite: open problems by priority week by week, and actions
// done on time by agency. They carry counts only, never personal data; suppressed values are gaps.
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import type { AgencyOnTime, WeeklyOpenProblems } from "../core/accountability/public-summary.js";
import { ukDay } from "../core/time/due-date.js";

/** The GOV.UK palette's red, orange and green, as the plan's RAG marks read. */
const PRIORITY_COLOURS = { RED: "#d4351c", AMBER: "#f47738", GREEN: "#00703c" } as const;

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function openProblemsTrendSvg(trend: WeeklyOpenProblems[]): Promise<string> {
  return toSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Open problems by priority at the end of each week",
    width: 480,
    height: 200,
    data: { values: trend.map((point) => ({ ...point, week: ukDay(point.weekEnding) })) },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "week", type: "ordinal", sort: null, title: "Week ending" },
      y: { field: "open", type: "quantitative", title: "Open problems", axis: { tickMinStep: 1 } },
      color: {
        field: "priority",
        type: "nominal",
        title: "Priority",
        scale: { domain: Object.keys(PRIORITY_COLOURS), range: Object.values(PRIORITY_COLOURS) },
      },
    },
  });
}

export function onTimeByAgencySvg(agencies: AgencyOnTime[]): Promise<string> {
  return toSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Share of actions done on time, by agency",
    width: 480,
    data: { values: agencies.filter((agency) => agency.percent !== null) },
    mark: { type: "bar", color: "#1d70b8" },
    encoding: {
      y: { field: "agency", type: "nominal", title: null, sort: "-x" },
      x: {
        field: "percent",
        type: "quantitative",
        title: "Done on time (%)",
        scale: { domain: [0, 100] },
      },
    },
  });
}
