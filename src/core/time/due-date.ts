// Reads the due date people type for an action ("next Friday", "31/12", "in 2 weeks") as a
// calendar day in the LDG's time zone, UK style: day before month, never in the past.
// The English locale alone: the whole package loads every language, some 20 MB more in each process.
import * as chronoEnglish from "chrono-node/en";

export type DueDateResult = { ok: true; date: string } | { ok: false; message: string };

const MAX_INPUT_LENGTH = 100;
const MAX_YEARS_AHEAD = 5;
const EXAMPLES = "Try next Friday, in 2 weeks, 31/12 or 2026-12-31.";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// Numeric dates are read here, never by chrono: its en-GB parser falls back to month/day order
// ("12/31/2026" becomes 31 December) and swaps an impossible ISO month ("2026-13-01" becomes
// 13 January), where a UK user must be told the date is wrong.
const CONTAINS_NUMERIC_DATE = /\d\s*[/.-]\s*\d/;
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// Words people put before a date that add nothing to it: "by Friday", "due on 31/12".
const LEADING_FILLER = /^(?:due\s+(?:by|on)\s+|due\s+|by\s+|on\s+)/i;
const TRAILING_PUNCTUATION = /[.!]+$/;

/**
 * Reads `text` as a due date: a calendar day (YYYY-MM-DD) in `timeZone`, from today to five years
 * ahead. "Today" is the day `now` falls on in that zone, not on the server's clock.
 */
/** The Local Delivery Groups' time zone: working days, due dates and schedules are in it. */
export const LDG_TIME_ZONE = "Europe/London";

export function parseDueDate(text: string, now: Date, timeZone = LDG_TIME_ZONE): DueDateResult {
  const input = text.trim();
  if (input === "") return refuse(`Please give a due date. ${EXAMPLES}`);
  if (input.length > MAX_INPUT_LENGTH) {
    return refuse(`That is too long for a date (${MAX_INPUT_LENGTH} characters at most). ${EXAMPLES}`);
  }
  const today = calendarDayInZone(now, timeZone);
  const dateText = input.replace(LEADING_FILLER, "").replace(TRAILING_PUNCTUATION, "");
  const read = CONTAINS_NUMERIC_DATE.test(dateText)
    ? readNumericDate(dateText, input, today)
    : readWordedDate(dateText, input, wallClockInZone(now, timeZone));
  if (!read.ok) return read;
  return checkWithinRange(read.date, today);
}

/** The calendar day (YYYY-MM-DD) that `instant` falls on in `timeZone`. */
export function calendarDayInZone(instant: Date, timeZone: string): string {
  const { year, month, day } = partsInZone(instant, timeZone);
  return isoDay(year, month, day);
}

/** The calendar day `n` days after `day` (before it when `n` is negative); both YYYY-MM-DD. */
export function addCalendarDays(day: string, n: number): string {
  const { year, month, day: dayOfMonth } = splitIsoDay(day);
  return isoDayFromUtc(utcDate(year, month, dayOfMonth + n));
}

function readNumericDate(dateText: string, input: string, today: string): DueDateResult {
  const iso = ISO_DATE.exec(dateText);
  if (iso) return realDate(input, Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const ukDate = DAY_MONTH_YEAR.exec(dateText);
  if (!ukDate) return unreadable(input);
  const day = Number(ukDate[1]);
  const month = Number(ukDate[3]);
  const yearText = ukDate[4];
  if (yearText !== undefined) {
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    return realDate(input, year, month, day);
  }
  // No year: this year's, or next year's once this year's has passed (or, for 29/02, when this
  // year has none).
  const thisYear = splitIsoDay(today).year;
  const thisYears = realDate(input, thisYear, month, day);
  if (thisYears.ok && thisYears.date >= today) return thisYears;
  const nextYears = realDate(input, thisYear + 1, month, day);
  return nextYears.ok || thisYears.ok ? nextYears : thisYears;
}

function realDate(input: string, year: number, month: number, day: number): DueDateResult {
  if (month < 1 || month > 12) {
    return refuse(`"${input}" isn't a real date: there is no month ${month} (dates go day/month/year).`);
  }
  const monthLength = daysInMonth(year, month);
  if (day < 1 || day > monthLength) {
    return refuse(`"${input}" isn't a real date: ${MONTH_NAMES[month - 1]} ${year} has ${monthLength} days.`);
  }
  return { ok: true, date: isoDay(year, month, day) };
}

function readWordedDate(dateText: string, input: string, reference: Date): DueDateResult {
  const results = chronoEnglish.GB.parse(dateText, reference, { forwardDate: true });
  const [only] = results;
  // The whole text must be the date: "Friday week" must not quietly become this Friday.
  if (results.length !== 1 || !only || only.index !== 0 || only.text.length !== dateText.length) {
    return unreadable(input);
  }
  const { start } = only;
  // "December" or "Dec 31" (read as December 2031): a month was named without its day.
  if (start.isCertain("month") && !start.isCertain("day")) {
    return refuse(`Please give the day as well as the month, like 31 December. ${EXAMPLES}`);
  }
  const year = start.get("year");
  const month = start.get("month");
  const day = start.get("day");
  if (year === null || month === null || day === null) return unreadable(input);
  return { ok: true, date: isoDay(year, month, day) };
}

function checkWithinRange(date: string, today: string): DueDateResult {
  if (date < today) {
    return refuse(`${ukDay(date)} is in the past. A due date must be today or later.`);
  }
  const { year, month, day } = splitIsoDay(today);
  const latest = isoDayFromUtc(utcDate(year + MAX_YEARS_AHEAD, month, day));
  if (date > latest) {
    return refuse(
      `${ukDay(date)} is more than ${MAX_YEARS_AHEAD} years away. Please give a date up to ${ukDay(latest)}.`,
    );
  }
  return { ok: true, date };
}

function refuse(message: string): DueDateResult {
  return { ok: false, message };
}

function unreadable(input: string): DueDateResult {
  return refuse(`I couldn't read "${input}" as a date. ${EXAMPLES}`);
}

// chrono reads the reference through the server's own clock fields (getDate, getHours...), so it
// gets a Date whose local fields show the wall-clock time in the LDG's zone, and its answer's
// year, month and day are then that zone's calendar day, whatever zone the server runs in.
function wallClockInZone(instant: Date, timeZone: string): Date {
  const { year, month, day, hour, minute } = partsInZone(instant, timeZone);
  return new Date(year, month - 1, day, hour, minute);
}

const formattersByZone = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone. */
export function partsInZone(instant: Date, timeZone: string) {
  let formatter = formattersByZone.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    formattersByZone.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
  };
}

function daysInMonth(year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate();
}

/** Midnight UTC of a day; an out-of-range day or month rolls over, as in `Date.UTC`. */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  // Unlike Date.UTC, setUTCFullYear does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function splitIsoDay(day: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function isoDayFromUtc(date: Date): string {
  return isoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** A calendar day, YYYY-MM-DD, written the UK way: 04/12/2026. */
export function ukDay(day: string): string {
  const { year, month, day: dayOfMonth } = splitIsoDay(day);
  return `${String(dayOfMonth).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

const SHORT_DAY_AND_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: LDG_TIME_ZONE,
  weekday: "short",
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** An instant as a UK reader scans a list of them: "Wed 02/12, 10:00", on UK time. */
export function ukShortDayAndTime(instant: Date): string {
  return SHORT_DAY_AND_TIME.format(instant);
}
