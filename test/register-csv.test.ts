import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  contactsToCsv,
  formatImportReport,
  importRegisterCsv,
  parseRegisterCsv,
} from "../src/cli/register-csv.js";
import { operatorActor } from "../src/core/actor.js";
import type { Contact } from "../src/core/register/model.js";
import { contactSnapshot, Register } from "../src/core/register/register.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const admin = operatorActor("test operator");
const HEADER = "name,email,organisation,areas,roles,themes,phone,deputy_email,verified_on";
const PRIYA =
  "Priya Shah,priya.shah@nyfrs.example,North Yorkshire Fire and Rescue Service,CRA,SPOC,fire safety,,,";
const TOM =
  "Tom Ellis,tom.ellis@police.example,North Yorkshire Police,CRA; HAR,spoc; coordinator,ASB; drugs,01756 700000,jo.bell@police.example,31/03/2026";
const JO = "Jo Bell,jo.bell@police.example,North Yorkshire Police,HAR,deputy,,,,2026-10-01";

function csvFile(lines: string[], lineEnding = "\n"): Buffer {
  return Buffer.from(lines.join(lineEnding) + lineEnding);
}

describe("register CSV import and export on SQLite", () => {
  let temp: TempStore;
  let register: Register;

  beforeEach(async () => {
    temp = await openTempStore();
    register = new Register(new PrismaRegisterRepository(temp.store), () => new Date("2026-11-25T10:00:00Z"));
    const board = "North Yorkshire Community Safety Strategic Board";
    await register.addArea(admin, { code: "CRA", name: "Craven", board });
    await register.addArea(admin, { code: "HAR", name: "Harrogate", board });
    await register.addOrganisation(admin, { name: "North Yorkshire Fire and Rescue Service", kind: "fire" });
    await register.addOrganisation(admin, { name: "North Yorkshire Police", kind: "police" });
  });
  afterEach(async () => temp.dispose());

  const importFile = (bytes: Buffer, options: { skipInvalid?: boolean } = {}) =>
    importRegisterCsv(register, admin, bytes, options);

  async function counts() {
    return { contacts: await temp.store.contact.count(), audit: await temp.store.auditEvent.count() };
  }

  async function allContacts(): Promise<Contact[]> {
    const rows = await temp.store.contact.findMany({ orderBy: { email: "asc" } });
    return Promise.all(rows.map(async (row) => (await register.findByEmail(row.email)) as Contact));
  }

  it("imports a good file, with lists, deputies named later in the file and UK dates", async () => {
    const report = await importFile(csvFile([HEADER, PRIYA, TOM, JO]));
    expect(formatImportReport(report)).toBe("Imported: 3 added, 0 updated, 0 unchanged.");
    const tom = await register.findByEmail("tom.ellis@police.example");
    expect(tom?.memberships.map((m) => `${m.area.code}:${m.role}`)).toEqual([
      "CRA:COORDINATOR",
      "CRA:SPOC",
      "HAR:COORDINATOR",
      "HAR:SPOC",
    ]);
    expect(tom?.themes).toEqual(["asb", "drugs"]);
    expect(tom?.deputy?.email).toBe("jo.bell@police.example");
    expect(tom?.verifiedAt?.toISOString()).toBe("2026-03-31T12:00:00.000Z");
  });

  it("changes nothing, and audits nothing, when the same file is imported again", async () => {
    const file = csvFile([HEADER, PRIYA, TOM, JO]);
    await importFile(file);
    const before = await counts();
    const again = await importFile(file);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, written: true });
    expect(await counts()).toEqual(before);
  });

  it("exports a file that imports again with no changes, even for entries verified at a time of day", async () => {
    // Priya's row has no verified_on, so she is verified at the import's moment (10:00), not at noon.
    await importFile(csvFile([HEADER, PRIYA, TOM, JO]));
    await register.markVerified(admin, "jo.bell@police.example");
    const before = { snapshots: (await allContacts()).map(contactSnapshot), ...(await counts()) };

    const exported = contactsToCsv(await allContacts());
    const report = await importFile(Buffer.from(exported));
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 3, rejected: [] });
    expect({ snapshots: (await allContacts()).map(contactSnapshot), ...(await counts()) }).toEqual(before);
  });

  it("exports one row per entry with the columns, labels and day an admin would type", async () => {
    await importFile(csvFile([HEADER, PRIYA, TOM, JO]));
    const exported = contactsToCsv(await allContacts());
    expect(exported.startsWith("\uFEFFname,email,organisation,areas,roles,themes,phone,deputy_email,")).toBe(
      true,
    );
    expect(exported).toContain(
      "Tom Ellis,tom.ellis@police.example,North Yorkshire Police,CRA; HAR,SPOC; coordinator,anti-social behaviour; drugs,01756 700000,jo.bell@police.example,,,,2026-03-31\r\n",
    );
  });

  it("refuses a file with bad rows, naming each row's line and reasons, and writes nothing", async () => {
    const before = await counts();
    const report = await importFile(
      csvFile([
        HEADER,
        PRIYA,
        "Bad Email,not-an-email,North Yorkshire Police,CRA,SPOC,,,,",
        ",nameless@police.example,North Yorkshire Police,CRA,,,,,",
        "Priya Again,PRIYA.SHAH@nyfrs.example,North Yorkshire Fire and Rescue Service,CRA,SPOC,,,,",
        "Far Away,far.away@police.example,North Yorkshire Police,XYZ,SPOC,,,,",
        "Acme Person,acme@acme.example,Acme Ltd,CRA,SPOC,,,,",
        "No Deputy,no.deputy@police.example,North Yorkshire Police,CRA,SPOC,,,nobody@police.example,",
      ]),
    );
    expect(report.written).toBe(false);
    expect(report.rejected.map((row) => row.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const text = formatImportReport(report);
    expect(text).toMatch(
      /^Nothing was imported: 6 rows have problems \(fix them, or run again with --skip-invalid to import the other 1\):\n/,
    );
    expect(text).toContain("  line 3: email: is not a valid email address");
    expect(text).toMatch(/ {2}line 4: name: is required; roles: needs at least one role/);
    expect(text).toContain("  line 5: email: priya.shah@nyfrs.example is already on line 2");
    expect(text).toContain("  line 6: areas: XYZ is not an area (known: CRA, HAR)");
    expect(text).toContain('  line 7: organisation: "Acme Ltd" is not in the register');
    expect(text).toContain(
      "  line 8: deputy_email: nobody@police.example is not in the register or in this file",
    );
    expect(await counts()).toEqual(before);
  });

  it("with skipInvalid, imports the good rows and lists the others", async () => {
    const report = await importFile(
      csvFile([HEADER, PRIYA, "Bad Email,not-an-email,North Yorkshire Police,CRA,SPOC,,,,", JO]),
      { skipInvalid: true },
    );
    expect(formatImportReport(report)).toBe(
      [
        "Imported: 2 added, 0 updated, 0 unchanged.",
        "Skipped 1 row:",
        "  line 3: email: is not a valid email address",
      ].join("\n"),
    );
    expect(await temp.store.contact.count()).toBe(2);
  });

  it.each([
    [
      "an unknown column and a missing one",
      "nmae,email,organisation,areas,roles",
      /unknown column "nmae".*required column name is missing/s,
    ],
    ["a missing required column", "name,email,organisation,areas", /required column roles is missing/],
    [
      "a column given twice",
      "name,email,organisation,areas,roles,email",
      /column "email" appears more than once/,
    ],
    ["a column without a heading", "name,email,organisation,areas,roles,", /column 6 has no heading/],
    ["semicolons between columns", "name;email;organisation;areas;roles", /separated by semicolons/],
  ])("refuses a header with %s, importing nothing", async (_case, header, problem) => {
    const before = await counts();
    const report = await importFile(csvFile([header, "a,b,c,d,e"]));
    expect(report.written).toBe(false);
    expect(formatImportReport(report)).toMatch(/^Nothing was imported:/);
    expect(report.fileProblems.join("\n")).toMatch(problem);
    expect(await counts()).toEqual(before);
  });

  it("reads headings in any case, order and spacing", async () => {
    const report = await importFile(
      csvFile([
        "Roles,Areas,Organisation,E-mail,Name,Deputy Email",
        "SPOC,CRA,North Yorkshire Police,x@police.example,X Y,",
      ]),
    );
    // "E-mail" is not "email": it is reported, not guessed.
    expect(report.fileProblems.join()).toMatch(/unknown column "e_mail"/);
    const good = await importFile(
      csvFile([
        "Roles,Areas,Organisation,Email,Name,Deputy Email",
        "SPOC,CRA,North Yorkshire Police,x@police.example,X Y,",
      ]),
    );
    expect(good).toMatchObject({ added: 1, written: true });
  });

  it("refuses an empty file, a header with no rows, and a file over 20 MB", async () => {
    expect(formatImportReport(await importFile(Buffer.alloc(0)))).toBe(
      "Nothing was imported: the file is empty.",
    );
    expect(formatImportReport(await importFile(csvFile(["", "  ", ""])))).toBe(
      "Nothing was imported: the file is empty.",
    );
    expect(formatImportReport(await importFile(csvFile([HEADER, "", ",,,,,,,,"])))).toBe(
      "Nothing was imported: the file has a header row but no register entries.",
    );
    const huge = await importFile(Buffer.alloc(20 * 1024 * 1024 + 1, "a"));
    expect(formatImportReport(huge)).toMatch(/the file is 20\.0 MB and the most one import takes is 20 MB/);
  });

  it("reads a UTF-8 file with a byte order mark, as Excel saves it", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const report = await importFile(Buffer.concat([bom, csvFile([HEADER, PRIYA.replace("Priya", "Siân")])]));
    expect(report).toMatchObject({ added: 1, written: true });
    expect((await register.findByEmail("priya.shah@nyfrs.example"))?.name).toBe("Siân Shah");
  });

  it("refuses bytes that are not UTF-8, naming the line and how to save the file", async () => {
    const latin1 = Buffer.from(
      `${HEADER}\n${PRIYA}\nRen\xe9 Roux,rene@police.example,North Yorkshire Police,CRA,SPOC,,,,\n`,
      "latin1",
    );
    const report = await importFile(latin1);
    expect(formatImportReport(report)).toMatch(
      /^Nothing was imported: line 3 has characters that are not UTF-8;.*"CSV UTF-8"/,
    );
    expect(await temp.store.contact.count()).toBe(0);
  });

  it.each([
    ["Unix", "\n"],
    ["Windows", "\r\n"],
  ])(
    "numbers rows by the line they start on, with quoted multi-line values and %s line endings",
    async (_name, eol) => {
      const lines = [
        HEADER,
        `"Two${eol}Lines",two.lines@police.example,North Yorkshire Police,CRA,SPOC,"drugs;${eol}exploitation",,,`,
        "",
        `"Three${eol}Line${eol}Name",not-an-email,North Yorkshire Police,CRA,SPOC,,,,`,
        "Area Wrong,area.wrong@police.example,North Yorkshire Police,XYZ,SPOC,,,,",
      ];
      const parsed = parseRegisterCsv(Buffer.from(lines.join(eol)));
      expect(parsed.rows.map((row) => row.line)).toEqual([2, 6, 9]);
      expect(parsed.rows[0]?.input).toMatchObject({
        name: `Two${eol}Lines`,
        themes: `drugs;${eol}exploitation`,
      });
      const report = await importFile(Buffer.from(lines.join(eol)));
      expect(report.rejected.map((row) => row.line)).toEqual([6, 9]);
    },
  );

  it("mixes Windows and Unix line endings without merging lines", () => {
    const parsed = parseRegisterCsv(Buffer.from(`${HEADER}\r\n${PRIYA}\n${JO}\r\n`));
    expect(parsed.rows.map((row) => [row.line, row.input.name])).toEqual([
      [2, "Priya Shah"],
      [3, "Jo Bell"],
    ]);
  });

  it("refuses malformed CSV, naming the line where the bad record starts", async () => {
    const unclosed = await importFile(
      csvFile([HEADER, PRIYA, '"Open Quote,x@police.example,North Yorkshire Police', JO]),
    );
    expect(formatImportReport(unclosed)).toBe(
      'Nothing was imported: line 3: a value opens a quote (") that is never closed.',
    );
    const strayQuote = await importFile(
      csvFile([HEADER, PRIYA, 'Ann "Nan" Lee,ann@police.example,North Yorkshire Police,CRA,SPOC,,,,']),
    );
    expect(formatImportReport(strayQuote)).toMatch(/^Nothing was imported: line 3: a quote mark/);
    expect(await temp.store.contact.count()).toBe(0);
  });

  it("reports a 10 MB value by its column without repeating it, still checks the other rows, and writes nothing", async () => {
    const before = await counts();
    const huge = "x".repeat(10 * 1024 * 1024);
    const report = await importFile(
      csvFile([
        HEADER,
        PRIYA,
        `Big Themes,big@police.example,North Yorkshire Police,CRA,SPOC,${huge},,,`,
        "Bad Email,not-an-email,North Yorkshire Police,CRA,SPOC,,,,",
      ]),
    );
    const text = formatImportReport(report);
    expect(text).toBe(
      [
        "Nothing was imported: 2 rows have problems (fix them, or run again with --skip-invalid to import the other 1):",
        "  line 3: themes is longer than 1000 characters",
        "  line 4: email: is not a valid email address",
      ].join("\n"),
    );
    expect(JSON.stringify(report).length).toBeLessThan(10_000);
    expect(await counts()).toEqual(before);
  });

  it("takes a short row as blanks at its end, and refuses a row with extra values", async () => {
    const report = await importFile(
      csvFile([
        HEADER,
        "Short Row,short@police.example,North Yorkshire Police,CRA,SPOC",
        `${PRIYA},surplus`,
        `${JO},,`,
      ]),
    );
    expect(report.rejected).toEqual([{ line: 3, problems: ["has 10 values but the header has 9 columns"] }]);
  });

  it("guards formula-like cells in an export, and the guarded file imports back to the same values", async () => {
    const risky = [
      '=HYPERLINK("http://evil.example","click")',
      "=cmd|' /C calc'!A0",
      "+Plus Person",
      "-Minus Person",
      "@At Person",
      "'=Quoted Already",
    ];
    for (const [index, name] of risky.entries()) {
      await register.addContact(admin, {
        name,
        email: `risky${index}@police.example`,
        organisation: "North Yorkshire Police",
        areas: "CRA",
        roles: "SPOC",
        phone: "+44 1756 700000",
      });
    }

    const before = { snapshots: (await allContacts()).map(contactSnapshot), ...(await counts()) };
    const exported = contactsToCsv(await allContacts());
    const cells = (parse(exported, { bom: true }) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    expect(cells).toContain("'+44 1756 700000");
    expect(cells).toContain("''=Quoted Already");

    expect(await importFile(Buffer.from(exported))).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: risky.length,
    });
    expect({ snapshots: (await allContacts()).map(contactSnapshot), ...(await counts()) }).toEqual(before);
    expect((await allContacts()).map((contact) => contact.name).sort()).toEqual([...risky].sort());
  });
});
