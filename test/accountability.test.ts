// The accountability outputs over a real store: the needs-assessment export carries no personal
// details, the public summary suppresses small numbers and draws its charts, and only admins and
// coordinators get either. The command line is run as a child process, as operators run it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Accountability } from "../src/core/accountability/accountability.js";
import { parseDayRange, parseQuarter } from "../src/core/accountability/period.js";
import { redactPersonalDetails } from "../src/core/accountability/redact.js";
import { publishedCount, publishedShare } from "../src/core/accountability/small-numbers.js";
import { Activities } from "../src/core/activities/activities.js";
import { AccessDenied } from "../src/core/errors.js";
import { PrismaAccountabilityRepository } from "../src/store/accountability-repository.js";
import { PrismaActivityRepository } from "../src/store/activity-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const LAUNCHER = fileURLToPath(new URL("../bin/ldg.js", import.meta.url));
const COORDINATOR = "coordinator.craven@ldg.example";
const OFFICER = "sam.holmes@nyfrs.example";
const POLICE_SPOC = "rachel.moorhouse@nypolice.example";

const PERSONAL = ["Mrs Ada Pickersgill", "14 Ropewalk Terrace", "Kieran Dowthwaite", "BD23 2QR"];

describe("redacting free text", () => {
  it("removes the problem's own details, names with titles, contacts, emails and phone numbers", () => {
    const text =
      "Mrs Pickersgill at 14 Ropewalk Terrace (BD23 2QR) no longer targeted; Kieran moved away. " +
      "Call Rachel Moorhouse on 01632 960301 or rachel@nypolice.example. Flat 3 secured.";
    const redacted = redactPersonalDetails(text, [
      "Mrs Ada Pickersgill",
      "14 Ropewalk Terrace",
      "Kieran Dowthwaite",
      "Rachel Moorhouse",
    ]);
    for (const leak of [
      "Pickersgill",
      "Ropewalk",
      "Kieran",
      "Rachel",
      "Moorhouse",
      "960301",
      "@",
      "2QR",
      "Flat 3",
    ]) {
      expect(redacted).not.toContain(leak);
    }
    expect(redacted).toContain("BD23");
    expect(redacted).toContain("no longer targeted");
  });
});

describe("small numbers and periods", () => {
  it("suppresses counts and shares below 5", () => {
    expect([0, 1, 4, 5, 12].map(publishedCount)).toEqual([
      "fewer than 5",
      "fewer than 5",
      "fewer than 5",
      "5",
      "12",
    ]);
    expect(publishedShare(3, 4, "actions")).toBe("fewer than 5 actions");
    expect(publishedShare(4, 5, "actions")).toBe("80%");
  });

  it("reads quarters and refuses backwards or impossible ranges", () => {
    expect(parseQuarter("2026Q3")).toEqual({ ok: true, from: "2026-07-01", to: "2026-09-30" });
    expect(parseQuarter("2026q4")).toEqual({ ok: true, from: "2026-10-01", to: "2026-12-31" });
    expect(parseQuarter("Q3 2026")).toMatchObject({ ok: false });
    expect(parseDayRange("2026-09-01", "2026-07-01")).toMatchObject({ ok: false, message: /after --to/ });
    expect(parseDayRange("2026-02-30", "2026-07-01")).toMatchObject({ ok: false, message: /--from/ });
  });
});

describe("the needs assessment and the public summary", () => {
  let workflow: Workflow;
  let accountability: Accountability;
  let folder: string;

  /** Raises `count` problems in Craven on the clock's day, with personal details. */
  async function raise(count: number, category: string, classification: "OFFICIAL" | "OFFICIAL_SENSITIVE") {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const refs: string[] = [];
    for (let index = 0; index < count; index++) {
      const { problem } = await workflow.problems.raise(coordinator, {
        title: `${category} problem ${index + 1}`,
        area: "CRA",
        category,
        harm: 3,
        likelihood: 3,
        classification,
        victimOrTarget: PERSONAL[0],
        locationText: PERSONAL[1],
        offender: PERSONAL[2],
        locationReference: PERSONAL[3],
        repeatVictim: index % 2 === 0,
      });
      // The store stamps a problem's creation with the real time; this scenario runs on its own clock.
      await workflow.temp.store.problem.update({
        where: { id: problem.id },
        data: { createdAt: workflow.clock.now },
      });
      refs.push(problem.ref);
    }
    return refs;
  }

  beforeAll(async () => {
    workflow = await openWorkflow(new Date("2026-07-06T09:00:00Z"));
    const store = workflow.temp.store;
    accountability = new Accountability(
      new PrismaAccountabilityRepository(store),
      new Activities(new PrismaActivityRepository(store)),
    );
    const coordinator = await workflow.actorFor(COORDINATOR);
    const asb = await raise(6, "ASB", "OFFICIAL");
    await raise(2, "FIRE_RISK", "OFFICIAL_SENSITIVE");
    await workflow.problems.addPartner(coordinator, asb[0] as string, "North Yorkshire Police");
    const spoc = await workflow.actorFor(POLICE_SPOC);
    const due = ["20/7/2026", "21/7/2026", "22/7/2026", "23/7/2026", "24/7/2026"];
    const actionIds: string[] = [];
    for (const day of due) {
      const action = await workflow.actions.task(coordinator, asb[0] as string, {
        text: `Patrol ${day}`,
        organisation: "North Yorkshire Police",
        due: day,
      });
      await workflow.actions.accept(spoc, action.id);
      actionIds.push(action.id);
    }
    workflow.clock.now = new Date("2026-07-21T12:00:00Z");
    for (const id of actionIds.slice(1, 5)) await workflow.actions.done(spoc, id, "Patrolled twice");
    workflow.clock.now = new Date("2026-08-20T12:00:00Z");
    for (const ref of asb.slice(0, 5)) {
      await workflow.problems.close(coordinator, ref, {
        outcome: "Mrs Ada Pickersgill at 14 Ropewalk Terrace reports no further incidents",
        assessment: "Kieran Dowthwaite was rehoused; lighting fixed in BD23 2QR",
      });
    }
    const officer = await workflow.actorFor(OFFICER);
    await new Activities(new PrismaActivityRepository(store)).record(
      officer,
      "safe and well visit for fire, ambulance on 10/8/2026",
      workflow.clock.now,
    );
    folder = mkdtempSync(path.join(tmpdir(), "ldg-accountability-"));
  });
  afterAll(async () => {
    await workflow.temp.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it("exports one anonymised row per problem, and activity by area, agency and month", async () => {
    const admin = await workflow.actorFor("demo@ldg.example");
    const { result, warning } = await accountability.needsAssessment(
      { ...admin, isAdmin: true },
      { from: "2026-07-01", to: "2026-09-30" },
    );
    expect(warning).toBeUndefined();
    expect(result.problems).toHaveLength(8);
    const everything = JSON.stringify(result);
    for (const detail of ["Pickersgill", "Ropewalk", "Kieran", "Dowthwaite", "2QR", "Rachel"]) {
      expect(everything).not.toContain(detail);
    }
    const closed = result.problems.filter((row) => row.closed_on !== "");
    expect(closed).toHaveLength(5);
    expect(closed[0]).toMatchObject({
      area_code: "CRA",
      postcode_district: "BD23",
      category: "anti-social behaviour",
      opened_on: "2026-07-06",
      closed_on: "2026-08-20",
      days_to_close: 45,
    });
    expect(closed[0]?.outcome).toContain("reports no further incidents");
    expect(result.activity).toEqual(
      expect.arrayContaining([
        { area_code: "CRA", agency: "FIRE", month: "2026-08", count: 1 },
        { area_code: "CRA", agency: "AMBULANCE", month: "2026-08", count: 1 },
      ]),
    );
  });

  it("gives a clear message and an empty export for a backwards period, an unknown area or a quiet one", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const backwards = await accountability.needsAssessment(coordinator, {
      from: "2026-09-30",
      to: "2026-07-01",
    });
    expect(backwards).toEqual({
      result: { problems: [], activity: [] },
      warning: expect.stringMatching(/after --to/),
    });
    const unknown = await accountability.needsAssessment(coordinator, {
      from: "2026-07-01",
      to: "2026-09-30",
      area: "XYZ",
    });
    expect(unknown.warning).toMatch(/no area "XYZ"/);
    const quiet = await accountability.needsAssessment(coordinator, { from: "2025-01-01", to: "2025-03-31" });
    expect(quiet).toMatchObject({
      result: { problems: [], activity: [] },
      warning: expect.stringMatching(/Nothing/),
    });
  });

  it("refuses anyone but an admin or a coordinator, and a coordinator of another area", async () => {
    const period = { from: "2026-07-01", to: "2026-09-30" };
    await expect(accountability.needsAssessment(await workflow.actorFor(OFFICER), period)).rejects.toThrow(
      AccessDenied,
    );
    await expect(
      accountability.needsAssessment(await workflow.actorFor(POLICE_SPOC), period),
    ).rejects.toThrow(AccessDenied);
    const harrogate = await workflow.actorFor("coordinator.harrogate@ldg.example");
    await expect(accountability.publicSummary(harrogate, { area: "CRA", quarter: "2026Q3" })).rejects.toThrow(
      /not Craven/,
    );
  });

  it("summarises the quarter with small numbers suppressed and only OFFICIAL outcomes, scrubbed", async () => {
    const coordinator = await workflow.actorFor(COORDINATOR);
    const { result } = await accountability.publicSummary(coordinator, { area: "CRA", quarter: "2026Q3" });
    if (!result) throw new Error("no summary");
    expect(result).toMatchObject({ classification: "OFFICIAL", raised: "8", closed: "5" });
    expect(result.byCategory).toEqual([
      { category: "anti-social behaviour", raised: "6", closed: "5" },
      { category: "fire risk", raised: "fewer than 5", closed: "fewer than 5" },
    ]);
    expect(result.onTimeByAgency).toEqual([{ agency: "police", share: "80%", percent: 80 }]);
    expect(result.whatWasDone).toHaveLength(5);
    expect(JSON.stringify(result.whatWasDone)).not.toMatch(/Pickersgill|Ropewalk|Kieran|2QR/);
    const lastWeek = result.openTrend.filter((point) => point.weekEnding === "2026-09-30");
    expect(lastWeek).toEqual([
      { weekEnding: "2026-09-30", priority: "RED", open: null },
      { weekEnding: "2026-09-30", priority: "AMBER", open: null },
      { weekEnding: "2026-09-30", priority: "GREEN", open: null },
    ]);
    const weekEndingJuly29 = result.openTrend.find(
      (point) => point.weekEnding === "2026-07-29" && point.priority === "RED",
    );
    expect(weekEndingJuly29?.open).toBe(8);
  });

  describe("from the command line", () => {
    function ldg(args: string[]) {
      const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
        cwd: folder,
        env: { ...process.env, DATABASE_URL: workflow.temp.databaseUrl },
        encoding: "utf8",
        timeout: 60_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    beforeAll(async () => {
      // One SQLite file, one writer: the child processes open it while this one is idle.
      await workflow.temp.store.$disconnect();
    });

    it("writes the export as CSV files an analyst can open", () => {
      const out = path.join(folder, "needs");
      const result = ldg([
        "export",
        "needs",
        "--from",
        "2026-07-01",
        "--to",
        "2026-09-30",
        "--format",
        "csv",
        "-o",
        out,
      ]);
      expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/Wrote 8 problems/) });
      const problems = readFileSync(path.join(out, "problems.csv"), "utf8");
      expect(problems.split("\n")[0]).toBe(
        "ref,area_code,area_name,postcode_district,category,priority,status,classification,repeat_location," +
          "repeat_victim,repeat_offender,opened_on,closed_on,days_to_close,partners,partner_kinds,outcome,assessment",
      );
      expect(problems).not.toMatch(/Pickersgill|Ropewalk|Dowthwaite|2QR/);
      expect(readFileSync(path.join(out, "activity.csv"), "utf8")).toContain("CRA,FIRE,2026-08,1");
    });

    it("answers a backwards period with a warning and valid, empty JSON", () => {
      const result = ldg(["export", "needs", "--from", "2026-09-30", "--to", "2026-07-01"]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/after --to/);
      expect(JSON.parse(result.stdout)).toMatchObject({ problems: [], activity: [] });
    });

    it("refuses someone who is neither admin nor coordinator", () => {
      const result = ldg(["export", "needs", "--from", "2026-07-01", "--to", "2026-09-30", "--as", OFFICER]);
      expect(result).toMatchObject({
        code: 1,
        stdout: "",
        stderr: expect.stringMatching(/admin or an LDG coordinator/),
      });
    });

    it("writes a self-contained public page, marked OFFICIAL, with its charts inline", () => {
      const file = path.join(folder, "summary.html");
      const result = ldg([
        "report",
        "public",
        "--area",
        "CRA",
        "--quarter",
        "2026Q3",
        "-o",
        file,
        "--as",
        COORDINATOR,
      ]);
      expect(result).toMatchObject({ code: 0 });
      const page = readFileSync(file, "utf8");
      expect(page.match(/<p class="marking">OFFICIAL<\/p>/g)).toHaveLength(2);
      expect(page).not.toMatch(/OFFICIAL-SENSITIVE|Pickersgill|Ropewalk|Dowthwaite/);
      expect(page.match(/<svg/g)).toHaveLength(2);
      expect(page).not.toMatch(/<script|src="http|href="http/);
      expect(page).toContain("fewer than 5");
      const markdown = ldg(["report", "public", "--area", "CRA", "--quarter", "2026Q3", "--format", "md"]);
      expect(markdown.stdout).toMatch(/^\*\*OFFICIAL\*\*/);
      expect(markdown.stdout).toContain("data:image/svg+xml;base64,");
    });

    it("says what is wrong with an unknown area or quarter", () => {
      expect(ldg(["report", "public", "--area", "XYZ", "--quarter", "2026Q3"])).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/no area "XYZ"/),
      });
      expect(ldg(["report", "public", "--area", "CRA", "--quarter", "autumn"])).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/2026Q3/),
      });
    });
  });
});
