// The needs-assessment CSV guards every cell a spreadsheet would run as a formula (OWASP's list:
// = + - @ tab and carriage return at the start), whatever column it is in.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { writeNeedsCsv } from "../src/cli/needs-export.js";
import type { NeedsProblemRow } from "../src/core/accountability/needs-assessment.js";

const folder = mkdtempSync(path.join(tmpdir(), "ldg-needs-csv-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const row: NeedsProblemRow = {
  ref: "CRA-2026-0001",
  area_code: "CRA",
  area_name: "Craven",
  postcode_district: "BD23",
  category: "DRUGS",
  priority: "RED",
  status: "CLOSED",
  classification: "OFFICIAL",
  repeat_location: false,
  repeat_victim: false,
  repeat_offender: false,
  opened_on: "2026-01-05",
  closed_on: "2026-03-01",
  days_to_close: 55,
  partners: "@SUM(A1:A9)",
  partner_kinds: "+POLICE",
  outcome: '=HYPERLINK("https://evil.example","Click")',
  assessment: "-2+3",
};

describe("needs-assessment CSV", () => {
  it("prefixes formula-like cells with an apostrophe and leaves the rest as they are", () => {
    writeNeedsCsv(
      {
        problems: [row, { ...row, ref: "CRA-2026-0002", outcome: "\tTabbed", assessment: "\rReturned" }],
        activity: [{ area_code: "=CRA", agency: "FIRE", month: "2026-01", count: 3 }],
      },
      folder,
    );
    const problems = parse(readFileSync(path.join(folder, "problems.csv")), { columns: true }) as Record<
      string,
      string
    >[];
    expect(problems[0]).toMatchObject({
      ref: "CRA-2026-0001",
      partners: "'@SUM(A1:A9)",
      partner_kinds: "'+POLICE",
      outcome: `'=HYPERLINK("https://evil.example","Click")`,
      assessment: "'-2+3",
      days_to_close: "55",
    });
    expect(problems[1]).toMatchObject({ outcome: "'\tTabbed", assessment: "'\rReturned" });
    const activity = parse(readFileSync(path.join(folder, "activity.csv")), { columns: true });
    expect(activity).toEqual([{ area_code: "'=CRA", agency: "FIRE", month: "2026-01", count: "3" }]);
  });
});
