// The register as a CSV file, for bulk import and export: one row per person, lists inside a cell
// separated by ";". An import reports every bad row by the line it starts on and writes nothing
// unless every row is good (or the caller skips the bad ones); an export re-imports unchanged.
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Actor } from "../core/actor.js";
import { type ContactInput, contactInputSchema } from "../core/register/contact-input.js";
import type { AreaRole, Contact } from "../core/register/model.js";
import type { ImportReport, ImportRow, Register } from "../core/register/register.js";
import { AREA_ROLES, THEMES } from "../core/register/vocabulary.js";
import { calendarDayInZone, LDG_TIME_ZONE } from "../core/time/due-date.js";
import { withFormulaGuard, withoutFormulaGuard } from "../csv/formula-guard.js";

/** Each CSV column and the register field it fills, in the order an export writes them. */
const FIELD_OF_COLUMN = {
  name: "name",
  email: "email",
  organisation: "organisation",
  areas: "areas",
  roles: "roles",
  themes: "themes",
  phone: "phone",
  deputy_email: "deputyEmail",
  slack_user_id: "slackUserId",
  teams_user_id: "teamsUserId",
  preferred_platform: "preferredPlatform",
  verified_on: "verifiedOn",
} as const satisfies Record<string, keyof ContactInput>;

type Column = keyof typeof FIELD_OF_COLUMN;

export const REGISTER_CSV_COLUMNS = Object.keys(FIELD_OF_COLUMN) as Column[];
export const REQUIRED_COLUMNS: Column[] = ["name", "email", "organisation", "areas", "roles"];

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FIELD_CHARACTERS = 1000;

export interface RowProblems {
  /** The line of the file the row starts on; the header is line 1. */
  line: number;
  problems: string[];
}

export interface ParsedRegisterCsv {
  rows: ImportRow[];
  /** Problems with the whole file. When there are any, no rows are read. */
  fileProblems: string[];
  /** Rows that could not be read as a register entry, such as one with a value that is far too long. */
  rowProblems: RowProblems[];
}

export interface RegisterCsvImport extends ImportReport {
  /** Problems with the whole file; when there are any, nothing was read or written. */
  fileProblems: string[];
  /** Rows with values in the file (blank lines are not rows). */
  rowsRead: number;
}

export function parseRegisterCsv(bytes: Buffer): ParsedRegisterCsv {
  const refuse = (problem: string): ParsedRegisterCsv => ({
    rows: [],
    fileProblems: [problem],
    rowProblems: [],
  });
  if (bytes.length > MAX_FILE_BYTES) {
    const megabytes = (bytes.length / (1024 * 1024)).toFixed(1);
    return refuse(
      `the file is ${megabytes} MB and the most one import takes is 20 MB; split it into smaller files`,
    );
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== "string") {
    return refuse(
      `line ${text.badLine} has characters that are not UTF-8; save the file as "CSV UTF-8" (in Excel: File, Save As, CSV UTF-8 (Comma delimited)) and try again`,
    );
  }
  const read = readRecords(text);
  if ("problem" in read) return refuse(read.problem);
  const [header, ...records] = read.records;
  if (!header) return refuse("the file is empty");
  const headerProblems = checkHeader(header.cells);
  if (headerProblems.length > 0) return { rows: [], fileProblems: headerProblems, rowProblems: [] };
  if (records.length === 0) return refuse("the file has a header row but no register entries");

  const columns = header.cells.map(columnOf) as Column[];
  const rows: ImportRow[] = [];
  const rowProblems: RowProblems[] = [];
  for (const { line, cells } of records) {
    const problems: string[] = [];
    if (cells.slice(columns.length).some((cell) => cell.trim() !== "")) {
      problems.push(`has ${cells.length} values but the header has ${columns.length} columns`);
    }
    columns.forEach((column, index) => {
      if ((cells[index] ?? "").length > MAX_FIELD_CHARACTERS) {
        problems.push(`${column} is longer than ${MAX_FIELD_CHARACTERS} characters`);
      }
    });
    if (problems.length > 0) {
      rowProblems.push({ line, problems });
      continue;
    }
    // A short row leaves its last columns blank. The header check guarantees the required columns.
    const input = Object.fromEntries(
      columns.map((column, index) => [FIELD_OF_COLUMN[column], withoutFormulaGuard(cells[index] ?? "")]),
    ) as ContactInput;
    rows.push({ line, input });
  }
  return { rows, fileProblems: [], rowProblems };
}

/** The text, or the line holding the first bytes that are not UTF-8 (most often a file Excel saved as plain "CSV"). */
function decodeUtf8(bytes: Buffer): string | { badLine: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    // A newline byte is never part of a multi-byte character, so each line can be checked alone.
    let line = 1;
    for (let lineStart = 0; lineStart <= bytes.length; line++) {
      const newline = bytes.indexOf(0x0a, lineStart);
      const lineEnd = newline === -1 ? bytes.length : newline;
      try {
        decoder.decode(bytes.subarray(lineStart, lineEnd));
      } catch {
        return { badLine: line };
      }
      lineStart = lineEnd + 1;
    }
    return { badLine: line - 1 };
  }
}

interface CsvRecord {
  line: number;
  cells: string[];
}

/** Splits the text into records with values, each with the line it starts on. */
function readRecords(text: string): { records: CsvRecord[] } | { problem: string } {
  const utf8 = Buffer.from(text);
  const lineAt = lineCounter(utf8);
  const records: CsvRecord[] = [];
  let recordStart = 0;
  try {
    parse(utf8, {
      record_delimiter: ["\r\n", "\n"],
      relax_column_count: true,
      on_record: (cells: string[], context) => {
        if (cells.some((cell) => cell.trim() !== "")) records.push({ line: lineAt(recordStart), cells });
        recordStart = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { problem: `line ${lineAt(recordStart)}: ${describeCsvError(error)}` };
  }
  return { records };
}

/** The line number of a byte offset; offsets must be asked for in increasing order. */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let counted = 0;
  let line = 1;
  return (offset) => {
    for (; counted < offset; counted++) if (bytes[counted] === 0x0a) line++;
    return line;
  };
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a value opens a quote (") that is never closed';
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'a quote mark (") inside a value; put the whole value in quotes and double each quote mark inside it';
    default:
      return error.message;
  }
}

/** `Deputy Email` and `deputy-email` both mean the column deputy_email. */
function columnOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function checkHeader(headings: string[]): string[] {
  const known = new Set<string>(REGISTER_CSV_COLUMNS);
  const columns = headings.map(columnOf);
  const shown = (column: string) => `"${column.length > 40 ? `${column.slice(0, 40)}...` : column}"`;
  if (columns.length === 1 && headings[0]?.includes(";")) {
    return ['the columns are separated by semicolons; save the file as "CSV UTF-8 (Comma delimited)"'];
  }
  const problems: string[] = [];
  const unnamed = columns.flatMap((column, index) => (column === "" ? [index + 1] : []));
  if (unnamed.length > 0) problems.push(`column ${unnamed.join(", ")} has no heading`);
  const unknown = columns.filter((column) => column !== "" && !known.has(column));
  if (unknown.length > 0) {
    problems.push(
      `unknown column ${unknown.map(shown).join(", ")}; the columns are ${REGISTER_CSV_COLUMNS.join(", ")}`,
    );
  }
  const repeated = [
    ...new Set(columns.filter((column, index) => column !== "" && columns.indexOf(column) !== index)),
  ];
  if (repeated.length > 0) problems.push(`column ${repeated.map(shown).join(", ")} appears more than once`);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) problems.push(`required column ${missing.join(", ")} is missing`);
  return problems;
}

const COLUMN_OF_FIELD = new Map<string, string>(
  Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field, column]),
);

/** The register names fields as the code does (`deputyEmail: ...`); a CSV user knows the column (`deputy_email`). */
function inColumnTerms(problem: string): string {
  const field = /^(\w+):/.exec(problem)?.[1];
  const column = field === undefined ? undefined : COLUMN_OF_FIELD.get(field);
  return field !== undefined && column !== undefined ? column + problem.slice(field.length) : problem;
}

/**
 * verified_on holds a day, the register a moment. A row naming the day already recorded keeps the
 * recorded moment, so that a file exported and imported again changes nothing.
 */
async function keepRecordedVerifications(register: Register, rows: ImportRow[]): Promise<ImportRow[]> {
  const kept: ImportRow[] = [];
  for (const row of rows) {
    const day = contactInputSchema.shape.verifiedOn.safeParse(row.input.verifiedOn).data;
    const existing = day ? await register.findByEmail(row.input.email) : null;
    const recorded = existing?.verifiedAt;
    const sameDay =
      day && recorded && calendarDayInZone(day, LDG_TIME_ZONE) === calendarDayInZone(recorded, LDG_TIME_ZONE);
    kept.push(sameDay ? { ...row, input: { ...row.input, verifiedOn: recorded } } : row);
  }
  return kept;
}

/** Reads a register CSV and imports it with `Register.importContacts`: all or nothing, unless `skipInvalid`. */
export async function importRegisterCsv(
  register: Register,
  actor: Actor,
  bytes: Buffer,
  options: { skipInvalid?: boolean } = {},
): Promise<RegisterCsvImport> {
  const parsed = parseRegisterCsv(bytes);
  if (parsed.fileProblems.length > 0) {
    const nothing = { added: 0, updated: 0, unchanged: 0, rejected: [], written: false };
    return { ...nothing, fileProblems: parsed.fileProblems, rowsRead: 0 };
  }
  const rows = await keepRecordedVerifications(register, parsed.rows);
  // A row the parser refused blocks an all-or-nothing import too; the other rows are still checked,
  // so that one report lists every bad row.
  const dryRun = parsed.rowProblems.length > 0 && !options.skipInvalid;
  const report = await register.importContacts(actor, rows, {
    skipInvalid: Boolean(options.skipInvalid),
    dryRun,
  });
  const rejected = [
    ...parsed.rowProblems,
    ...report.rejected.map((row) => ({ line: row.line, problems: row.problems.map(inColumnTerms) })),
  ].sort((a, b) => a.line - b.line);
  return {
    ...report,
    rejected,
    fileProblems: [],
    rowsRead: parsed.rows.length + parsed.rowProblems.length,
  };
}

function rowCount(count: number): string {
  return count === 1 ? "1 row" : `${count} rows`;
}

/** The import's outcome in words: what was imported, or why nothing was, with every bad row by line. */
export function formatImportReport(report: RegisterCsvImport): string {
  const [onlyProblem, ...moreProblems] = report.fileProblems;
  if (onlyProblem !== undefined) {
    return moreProblems.length === 0
      ? `Nothing was imported: ${onlyProblem}.`
      : ["Nothing was imported:", ...report.fileProblems.map((problem) => `  ${problem}`)].join("\n");
  }
  const badRows = report.rejected.map((row) => `  line ${row.line}: ${row.problems.join("; ")}`);
  if (!report.written) {
    const bad = report.rejected.length;
    const others = report.rowsRead - bad;
    const advice =
      others > 0
        ? `fix them, or run again with --skip-invalid to import the other ${others}`
        : "fix them and run again";
    return [
      `Nothing was imported: ${rowCount(bad)} ${bad === 1 ? "has" : "have"} problems (${advice}):`,
      ...badRows,
    ].join("\n");
  }
  const summary = `Imported: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged.`;
  return badRows.length === 0
    ? summary
    : [summary, `Skipped ${rowCount(badRows.length)}:`, ...badRows].join("\n");
}

/**
 * One row per entry. A row holds a set of areas and a set of roles, meaning every role in every
 * area, so an entry whose memberships are not such a product (SPOC in CRA, coordinator in HAR) is
 * written as their union (SPOC and coordinator in both) and would gain memberships if re-imported.
 */
function csvRow(contact: Contact): Record<Column, string> {
  const areas = [...new Set(contact.memberships.map((membership) => membership.area.code))];
  const roles = (Object.keys(AREA_ROLES) as AreaRole[]).filter((role) =>
    contact.memberships.some((membership) => membership.role === role),
  );
  return {
    name: contact.name,
    email: contact.email,
    organisation: contact.organisation.name,
    areas: areas.join("; "),
    roles: roles.map((role) => AREA_ROLES[role]).join("; "),
    themes: contact.themes.map((theme) => THEMES[theme]?.label ?? theme).join("; "),
    phone: contact.phone ?? "",
    deputy_email: contact.deputy?.email ?? "",
    slack_user_id: contact.slackUserId ?? "",
    teams_user_id: contact.teamsUserId ?? "",
    preferred_platform: contact.preferredPlatform?.toLowerCase() ?? "",
    verified_on: contact.verifiedAt ? calendarDayInZone(contact.verifiedAt, LDG_TIME_ZONE) : "",
  };
}

/**
 * The entries as a register CSV: a byte order mark (without one Excel reads UTF-8 as the local code
 * page and mangles names like Siân), Windows line endings, and formula-like cells guarded.
 */
export function contactsToCsv(contacts: Contact[]): string {
  const records = contacts.map((contact) => {
    const row = csvRow(contact);
    return Object.fromEntries(REGISTER_CSV_COLUMNS.map((column) => [column, withFormulaGuard(row[column])]));
  });
  return stringify(records, {
    bom: true,
    header: true,
    columns: REGISTER_CSV_COLUMNS,
    record_delimiter: "\r\n",
    // csv-stringify quotes only the full record delimiter; a lone CR or LF inside a value needs quotes too.
    quoted_match: /[\r\n]/,
  });
}
