// The public summary as its readers meet it: the self-contained page opened in headless Chromium,
// its two charts drawn and visible, with a screenshot taken of the whole page.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PeriodAction, PeriodProblem } from "../src/core/accountability/model.js";
import { publicSummaryOf } from "../src/core/accountability/public-summary.js";
import { addCalendarDays } from "../src/core/time/due-date.js";
import { publicSummaryHtml } from "../src/reports/public-summary-page.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const AREA = { id: "area-cra", code: "CRA", name: "Craven" };
const QUARTER = { from: "2026-07-01", to: "2026-09-30" };

/** Enough problems of each priority, open across the quarter, for the trend to pass suppression. */
function problems(): PeriodProblem[] {
  return (["RED", "AMBER", "GREEN"] as const).flatMap((priority, rank) =>
    Array.from({ length: 6 + rank * 2 }, (_, index) => ({
      ref: `CRA-2026-${priority}${index}`,
      area: AREA,
      postcodeOutward: "BD23",
      category: "ASB" as const,
      priority,
      status: "CLOSED" as const,
      classification: "OFFICIAL" as const,
      repeatLocation: false,
      repeatVictim: false,
      repeatOffender: false,
      openedOn: addCalendarDays("2026-06-15", index * 3),
      closedOn: addCalendarDays("2026-09-20", index),
      partners: [],
      outcome: "Patrols increased",
      assessment: null,
      personalDetails: [],
    })),
  );
}

function actions(): PeriodAction[] {
  return (["POLICE", "FIRE"] as const).flatMap((kind, rank) =>
    Array.from({ length: 10 }, (_, index) => ({
      area: AREA,
      organisationKind: kind,
      organisationName: kind === "POLICE" ? "North Yorkshire Police" : "North Yorkshire Fire and Rescue",
      dueOn: addCalendarDays("2026-07-10", index * 5),
      doneOn: index < 6 + rank * 3 ? addCalendarDays("2026-07-09", index * 5) : null,
    })),
  );
}

describe("the public summary page in a browser", () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (as .ci/run does).`,
      );
    }
    folder = mkdtempSync(path.join(tmpdir(), "ldg-summary-page-"));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("draws both charts, visible and with their marks, and a screenshot shows the page", async () => {
    const summary = publicSummaryOf(AREA, "2026Q3", QUARTER, problems(), actions(), []);
    const html = await publicSummaryHtml(summary);
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    // Self-contained: nothing is fetched, so the page is set straight in and any request would fail.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });

    const charts = page.locator("svg");
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(50);
    }
    // First the agencies, as bars; then the trend, one line per priority in its colour.
    expect(await charts.nth(0).locator('path[fill="#1d70b8"]').count()).toBe(2);
    const trend = charts.nth(1);
    for (const colour of ["#d4351c", "#f47738", "#00703c"]) {
      expect(await trend.locator(`path[stroke="${colour}"]`).count()).toBeGreaterThan(0);
    }

    const screenshot = path.join(folder, "public-summary.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    const png = readFileSync(screenshot);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.length).toBeGreaterThan(20_000);
    await page.close();
  }, 60_000);
});
