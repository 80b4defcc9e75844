// Draws a chart spec (chart-specs.ts) with Vega: as SVG for pages, and as PNG for chat platforms,
// which show bitmaps (resvg turns the SVG into one, with the machine's fonts).
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";

/**
 * Vega-Lite writes its warnings to the console, which would break the bot's JSON log lines. The
 * specs are the project's own (chart-specs.ts); the one warning they raise is harmless (a line
 * with points is two layers, each stating the same scale domain).
 */
const QUIET = vega.logger(vega.None);

export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec, { logger: QUIET }).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Twice the chart's own size, so that it stays sharp on high-density screens. */
export async function chartPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const svg = await chartSvg(spec);
  return new Resvg(svg, { fitTo: { mode: "zoom", value: 2 }, font: { loadSystemFonts: true } })
    .render()
    .asPng();
}
