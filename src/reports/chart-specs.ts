// The trend charts as Vega-Lite specs with their data inline: open problems by priority week by
// week, and actions done on time by agency. Plain JSON, so a chat message can carry one and each
// platform draw it its own way (charts.ts); they carry counts only, never personal data.
import type { TopLevelSpec } from "vega-lite";
import { ukDay } from "../core/time/due-date.js";

/** The GOV.UK palette's red, orange and green, as the plan's RAG marks read. */
const PRIORITY_COLOURS = { RED: "#d4351c", AMBER: "#f47738", GREEN: "#00703c" } as const;

/** Null counts (suppressed in public outputs) are gaps in the line. */
export function openProblemsTrendSpec(
  weeks: { weekEnding: string; priority: string; open: number | null }[],
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Open problems by priority at the end of each week",
    width: 480,
    height: 200,
    background: "white",
    data: { values: weeks.map((point) => ({ ...point, week: ukDay(point.weekEnding) })) },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "week", type: "ordinal", sort: null, title: "Week ending" },
      // Whole numbers from 0 up, also when every week is 0 (Vega would centre a flat 0 line).
      y: {
        field: "open",
        type: "quantitative",
        title: "Open problems",
        axis: { tickMinStep: 1, format: "d" },
        scale: { domain: { unionWith: [0, 1] } },
      },
      color: {
        field: "priority",
        type: "nominal",
        title: "Priority",
        scale: { domain: Object.keys(PRIORITY_COLOURS), range: Object.values(PRIORITY_COLOURS) },
      },
    },
  };
}

/** Agencies with no figure (null: suppressed) are left off the chart. */
export function onTimeByAgencySpec(agencies: { agency: string; percent: number | null }[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Share of actions done on time, by agency",
    width: 480,
    background: "white",
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
  };
}
