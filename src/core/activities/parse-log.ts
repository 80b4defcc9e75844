// Reads the line an officer types after `log`: what they did, for which agencies, on which day,
// and an optional note after a dash, e.g. "hfsc for fire and police yesterday - alarm fitted".
// The grammar is `<activity> [for] <agencies> [[on] <day>] [- <note>]`.
// The English locale alone: the whole package loads every language, some 20 MB more in each process.
import * as chronoEnglish from "chrono-node/en";
import type { OrganisationKind } from "../register/model.js";
import { ORGANISATION_KINDS } from "../register/vocabulary.js";
import { addCalendarDays, calendarDayInZone, LDG_TIME_ZONE, ukDay } from "../time/due-date.js";
import { ACTIVITY_KINDS, type ActivityKind } from "./model.js";

export type ParsedLog =
  | { ok: true; kind: ActivityKind; agencies: OrganisationKind[]; occurredOn: string; note?: string }
  | { ok: false; message: string };

export const MAX_NOTE_LENGTH = 500;
/** How far back work may be logged; beyond it, months already reported would change under their readers. */
export const MAX_DAYS_BACK = 90;
const MAX_LINE_LENGTH = 200;

const EXAMPLE = 'For example: "log swv for fire, ambulance yesterday - smoke alarm fitted".';
const KIND_HINT =
  "safe and well visit (swv), home fire safety check (hfsc), neighbourhood enquiry (ne), referral, signposting or other";
const AGENCY_HINT =
  "police, fire, ambulance, health (or NHS), council, district council, county council, housing, probation, youth justice, victim support, voluntary or other";
const DATE_HINT = "today, yesterday, Monday, 3 days ago or 22/11";

const KIND_ALIASES: Record<string, ActivityKind> = {
  "safe and well": "SAFE_AND_WELL_VISIT",
  swv: "SAFE_AND_WELL_VISIT",
  "home fire safety visit": "HOME_FIRE_SAFETY_CHECK",
  "fire safety check": "HOME_FIRE_SAFETY_CHECK",
  hfsc: "HOME_FIRE_SAFETY_CHECK",
  "neighborhood enquiry": "NEIGHBOURHOOD_ENQUIRY",
  "neighbourhood inquiry": "NEIGHBOURHOOD_ENQUIRY",
  ne: "NEIGHBOURHOOD_ENQUIRY",
  signpost: "SIGNPOSTING",
};

const AGENCY_ALIASES: Record<string, OrganisationKind> = {
  fire: "FIRE",
  "fire service": "FIRE",
  frs: "FIRE",
  "ambulance service": "AMBULANCE",
  nhs: "HEALTH",
  // Since April 2023 North Yorkshire and York are each served by one unitary council, so a plain
  // "council" is that; the district and county councils of older records must be named in full.
  council: "UNITARY_COUNCIL",
  "local authority": "UNITARY_COUNCIL",
  yjs: "YOUTH_JUSTICE",
  yot: "YOUTH_JUSTICE",
  "voluntary sector": "VOLUNTARY",
  charity: "VOLUNTARY",
};

type Phrases<T> = [phrase: string, value: T][];

/** Each vocabulary's labels and aliases, longest first, so "fire and rescue" wins over "fire". */
function phrases<T extends string>(labels: Record<T, string>, aliases: Record<string, T>): Phrases<T> {
  const labelled = (Object.entries(labels) as [T, string][]).map(([value, label]): [string, T] => [
    label,
    value,
  ]);
  return [...labelled, ...Object.entries(aliases)].sort(([a], [b]) => b.length - a.length);
}

const KIND_PHRASES = phrases(ACTIVITY_KINDS, KIND_ALIASES);
const AGENCY_PHRASES = phrases(ORGANISATION_KINDS, AGENCY_ALIASES);

// The note starts at the first dash with a space before it: "22-11" and "youth-justice" stay whole.
const NOTE_SEPARATOR = /\s[-–—](?:\s|$)/;
// Between agencies: commas, slashes, pluses, "and" ("&" is read as "and") and a filler "the".
const AGENCY_SEPARATORS = /^(?:[\s,/+]|(?:and|the)(?![a-z0-9]))+/;
// The command word itself, when a caller passes the whole line.
const LEADING_COMMAND = /^\/?log(?![a-z0-9])/;

/**
 * Reads `text` (what follows `log`). The day is a calendar day in `timeZone`: today when none is
 * given, never in the future, at most MAX_DAYS_BACK days ago.
 */
export function parseActivityLog(text: string, now: Date, timeZone = LDG_TIME_ZONE): ParsedLog {
  const { head, note } = splitNote(text);
  if (note.length > MAX_NOTE_LENGTH) {
    return refuse(`The note is ${note.length} characters long; please keep it to ${MAX_NOTE_LENGTH}.`);
  }
  const words = normalise(head).replace(LEADING_COMMAND, "").trim();
  if (words === "") return refuse(`What did you do, and for which agencies? ${EXAMPLE}`);
  if (words.length > MAX_LINE_LENGTH) {
    return refuse(`That is too long to read. Put the details in a note after a dash. ${EXAMPLE}`);
  }

  const kind = matchPhrase(words, KIND_PHRASES);
  if (!kind) return refuse(`Start with what you did: ${KIND_HINT}. ${EXAMPLE}`);

  const { agencies, rest } = readAgencies(words.slice(kind.length).replace(/^\s*for(?![a-z0-9])/, ""));
  if (agencies.length === 0) {
    return refuse(
      `Which agencies was the ${ACTIVITY_KINDS[kind.value]} for? Name them after it, like ` +
        `"log ${ACTIVITY_KINDS[kind.value]} for fire, police". Agencies: ${AGENCY_HINT}.`,
    );
  }

  const today = calendarDayInZone(now, timeZone);
  const dayText = rest.replace(/^on\s+/, "");
  const day = dayText === "" ? read(today) : readPastDay(dayText, today);
  if (!day.ok) return day;
  return { ok: true, kind: kind.value, agencies, occurredOn: day.date, ...(note ? { note } : {}) };
}

function splitNote(text: string): { head: string; note: string } {
  const separator = NOTE_SEPARATOR.exec(text);
  if (!separator) return { head: text, note: "" };
  return {
    head: text.slice(0, separator.index),
    note: text.slice(separator.index + separator[0].length).trim(),
  };
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "");
}

/** The phrase `text` starts with, as a whole word or words. */
function matchPhrase<T>(text: string, table: Phrases<T>): { value: T; length: number } | undefined {
  for (const [phrase, value] of table) {
    if (text.startsWith(phrase) && !/[a-z0-9]/.test(text.charAt(phrase.length))) {
      return { value, length: phrase.length };
    }
  }
  return undefined;
}

/** The agencies at the start of `text`, each once, in the order typed; `rest` is what follows them. */
function readAgencies(text: string): { agencies: OrganisationKind[]; rest: string } {
  const agencies: OrganisationKind[] = [];
  let rest = text.replace(AGENCY_SEPARATORS, "");
  for (let agency = matchPhrase(rest, AGENCY_PHRASES); agency; agency = matchPhrase(rest, AGENCY_PHRASES)) {
    if (!agencies.includes(agency.value)) agencies.push(agency.value);
    rest = rest.slice(agency.length).replace(AGENCY_SEPARATORS, "");
  }
  return { agencies, rest: rest.trim() };
}

// ---------------------------------------------------------------------------------------------
// The day. Numeric dates are read here, never by chrono, which falls back to month/day order
// ("11/22" would become 22 November) where a UK user must be told the date is wrong.

type DayRead = { ok: true; date: string } | { ok: false; message: string };

const CONTAINS_NUMERIC_DATE = /\d\s*[/.-]\s*\d/;
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function readPastDay(text: string, today: string): DayRead {
  const day = CONTAINS_NUMERIC_DATE.test(text) ? readNumericDay(text, today) : readWordedDay(text, today);
  if (!day.ok) return day;
  if (day.date > today) {
    return refuse(`${ukDay(day.date)} is in the future. Log work on or after the day you do it.`);
  }
  const earliest = addCalendarDays(today, -MAX_DAYS_BACK);
  if (day.date < earliest) {
    return refuse(
      `${ukDay(day.date)} is more than ${MAX_DAYS_BACK} days ago; work can be logged back to ${ukDay(earliest)}.`,
    );
  }
  return day;
}

function readNumericDay(text: string, today: string): DayRead {
  const iso = ISO_DATE.exec(text);
  if (iso) return realDay(text, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const ukDate = DAY_MONTH_YEAR.exec(text);
  if (!ukDate) return unreadable(text);
  const [dayOfMonth, month, yearText] = [Number(ukDate[1]), Number(ukDate[3]), ukDate[4]];
  if (yearText !== undefined) {
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    return realDay(text, year, month, dayOfMonth);
  }
  const thisYear = Number(today.slice(0, 4));
  return latestPast(
    realDay(text, thisYear, month, dayOfMonth),
    realDay(text, thisYear - 1, month, dayOfMonth),
    today,
  );
}

function readWordedDay(text: string, today: string): DayRead {
  const [year, month, dayOfMonth] = today.split("-").map(Number) as [number, number, number];
  // chrono reads its reference through the server's local clock fields, so it gets today's date in
  // local fields; noon keeps a daylight-saving change from moving it to another day.
  const reference = new Date(year, month - 1, dayOfMonth, 12);
  const results = chronoEnglish.GB.parse(text, reference, { forwardDate: false });
  const [only] = results;
  // The whole text must be the day: "Friday week" must not quietly become this Friday.
  if (results.length !== 1 || !only || only.index !== 0 || only.text.length !== text.length) {
    return unreadable(text);
  }
  const { start } = only;
  if (start.isCertain("month") && !start.isCertain("day")) {
    return refuse(`Please give the day as well as the month, like 22 November. Days: ${DATE_HINT}.`);
  }
  const named = [
    start.get("year") ?? year,
    start.get("month") ?? month,
    start.get("day") ?? dayOfMonth,
  ] as const;
  const day = realDay(text, ...named);
  if (start.isCertain("year")) return day;
  // Named without a year: "22 November" may be last year's, a bare "Friday" last week's.
  const earlier = start.isCertain("day")
    ? realDay(text, named[0] - 1, named[1], named[2])
    : read(addCalendarDays(isoDay(...named), -7));
  return latestPast(day, earlier, today);
}

/**
 * A day named without its year (or week) that is still to come means the one before it, when
 * that is recent enough to log: "28/12" typed in January is last December's.
 */
function latestPast(named: DayRead, earlier: DayRead, today: string): DayRead {
  if (!named.ok || named.date <= today) return named;
  return earlier.ok && earlier.date >= addCalendarDays(today, -MAX_DAYS_BACK) ? earlier : named;
}

function realDay(text: string, year: number, month: number, dayOfMonth: number): DayRead {
  const date = isoDay(year, month, dayOfMonth);
  // A day that does not exist (31/02, 01/13) comes back from the calendar as another day.
  return addCalendarDays(date, 0) === date
    ? read(date)
    : refuse(`"${text}" isn't a real date (dates go day/month/year).`);
}

function isoDay(year: number, month: number, dayOfMonth: number): string {
  return [
    String(year).padStart(4, "0"),
    String(month).padStart(2, "0"),
    String(dayOfMonth).padStart(2, "0"),
  ].join("-");
}

function read(date: string): DayRead {
  return { ok: true, date };
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function unreadable(text: string): DayRead {
  return refuse(
    `I couldn't read "${text}" as an agency or a day. Agencies: ${AGENCY_HINT}. Days: ${DATE_HINT}.`,
  );
}
