// Reads the meeting time people type ("next Tuesday 10:00", "2/12 14:30", "2026-12-02T14:30") as
// an instant, reading the wall-clock time in the LDG's time zone, UK style: day before month.
// A meeting needs a day and a time, and must start in the future.
// The English locale alone: the whole package loads every language, some 20 MB more in each process.
import * as chronoEnglish from "chrono-node/en";
import { LDG_TIME_ZONE, partsInZone } from "../time/due-date.js";

export type MeetingTimeResult = { ok: true; start: Date } | { ok: false; message: string };

const MAX_INPUT_LENGTH = 100;
const MAX_DAYS_AHEAD = 366;
const EXAMPLES = "Try next Tuesday 10:00, tomorrow at 2pm, 2/12 14:30 or 2026-12-02 14:30.";

// Numeric dates are read here, never by chrono, which falls back to month/day order (see
// due-date.ts). A dot is left out on purpose: "2.30pm" is a time.
const CONTAINS_NUMERIC_DATE = /\d[/-]\d/;
const NUMERIC_DATE_THEN_TIME = /^(\S+?)(?:\s*,\s*|\s+at\s+|\s+|T)(\d.*)$/i;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;
const CLOCK_TIME = /^(\d{1,2})(?:[:.](\d{2}))?(?::00)?\s*(am|pm)?$/i;
const LEADING_FILLER = /^(?:on\s+|at\s+)/i;
const TRAILING_PUNCTUATION = /[.!]+$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

type WallClockResult = { ok: true; wall: WallClock } | { ok: false; message: string };

/** Reads `text` as a meeting's start, from now to a year ahead; "now" is read on `timeZone`'s clock. */
export function parseMeetingTime(text: string, now: Date, timeZone = LDG_TIME_ZONE): MeetingTimeResult {
  const input = text.trim();
  if (input === "") return refuse(`Please say when the meeting starts. ${EXAMPLES}`);
  if (input.length > MAX_INPUT_LENGTH) {
    return refuse(`That is too long for a time (${MAX_INPUT_LENGTH} characters at most). ${EXAMPLES}`);
  }
  const timeText = input.replace(LEADING_FILLER, "").replace(TRAILING_PUNCTUATION, "");
  const today = partsInZone(now, timeZone);
  const read = CONTAINS_NUMERIC_DATE.test(timeText)
    ? readNumeric(timeText, input, today)
    : readWorded(timeText, input, today);
  if (!read.ok) return read;

  const start = instantOfWallClock(read.wall, timeZone);
  if (!start) {
    return refuse(
      `${describe(read.wall)} does not exist: the clocks go forward that night. Please pick another time.`,
    );
  }
  if (start.getTime() <= now.getTime()) {
    return refuse(`${describe(read.wall)} has passed. A meeting must start in the future.`);
  }
  if (start.getTime() > now.getTime() + MAX_DAYS_AHEAD * 24 * 60 * 60_000) {
    return refuse(`${describe(read.wall)} is more than a year away. Meetings are booked up to a year ahead.`);
  }
  return { ok: true, start };
}

function readNumeric(timeText: string, input: string, today: WallClock): WallClockResult {
  const split = NUMERIC_DATE_THEN_TIME.exec(timeText);
  if (!split) {
    const dateOnly = ISO_DATE.test(timeText) || DAY_MONTH_YEAR.test(timeText);
    return dateOnly ? needsDayAndTime(input) : unreadable(input);
  }
  const [, dateText = "", clockText = ""] = split;
  const clock = readClockTime(clockText.trim());
  if (!clock) return refuse(`I couldn't read "${clockText.trim()}" as a time of day. ${EXAMPLES}`);

  const iso = ISO_DATE.exec(dateText);
  if (iso) return realDate(input, Number(iso[1]), Number(iso[2]), Number(iso[3]), clock);
  const ukDate = DAY_MONTH_YEAR.exec(dateText);
  if (!ukDate) return unreadable(input);
  const day = Number(ukDate[1]);
  const month = Number(ukDate[3]);
  const yearText = ukDate[4];
  if (yearText !== undefined) {
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    return realDate(input, year, month, day, clock);
  }
  // No year: this year's, unless that day has passed, then next year's.
  const passed = month < today.month || (month === today.month && day < today.day);
  return realDate(input, passed ? today.year + 1 : today.year, month, day, clock);
}

/** "14:30", "14.30", "2pm", "2:30 pm", "09:00:00"; a bare "14" is too unclear to guess. */
function readClockTime(text: string): { hour: number; minute: number } | null {
  const match = CLOCK_TIME.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (minute > 59) return null;
  if (meridiem === undefined) {
    return match[2] === undefined || hour > 23 ? null : { hour, minute };
  }
  if (hour < 1 || hour > 12) return null;
  return { hour: (hour % 12) + (meridiem === "pm" ? 12 : 0), minute };
}

function realDate(
  input: string,
  year: number,
  month: number,
  day: number,
  clock: { hour: number; minute: number },
): WallClockResult {
  if (month < 1 || month > 12) {
    return refuse(`"${input}" isn't a real date: there is no month ${month} (dates go day/month/year).`);
  }
  const monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > monthLength) {
    return refuse(`"${input}" isn't a real date: that month has ${monthLength} days.`);
  }
  return { ok: true, wall: { year, month, day, ...clock } };
}

function readWorded(timeText: string, input: string, today: WallClock): WallClockResult {
  // chrono reads its reference through the server's clock fields, so it gets the LDG's wall clock.
  const reference = new Date(today.year, today.month - 1, today.day, today.hour, today.minute);
  const results = chronoEnglish.GB.parse(timeText, reference, { forwardDate: true });
  const [only] = results;
  // The whole text must be the time: "Tuesday week 10:00" must not quietly become this Tuesday.
  if (results.length !== 1 || !only || only.index !== 0 || only.text.length !== timeText.length) {
    return unreadable(input);
  }
  const { start } = only;
  if (only.end) return refuse("Please give the start time only; say how long the meeting lasts separately.");
  const dayNamed = start.isCertain("day") || start.isCertain("weekday");
  if (!dayNamed || !start.isCertain("hour")) return needsDayAndTime(input);
  const year = start.get("year");
  const month = start.get("month");
  const day = start.get("day");
  const hour = start.get("hour");
  if (year === null || month === null || day === null || hour === null) return unreadable(input);
  return { ok: true, wall: { year, month, day, hour, minute: start.get("minute") ?? 0 } };
}

/**
 * The instant the wall clock shows `wall` in `timeZone`; null for a time the clocks skip. Of the two
 * instants showing a time the clocks repeat in autumn, it gives one.
 */
function instantOfWallClock(wall: WallClock, timeZone: string): Date | null {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The zone's offset at a first guess, then at the corrected instant: right across a change of clocks.
  const guess = asUtc - offsetAt(asUtc, timeZone);
  const instant = asUtc - offsetAt(guess, timeZone);
  const shown = partsInZone(new Date(instant), timeZone);
  const same = (["year", "month", "day", "hour", "minute"] as const).every(
    (part) => shown[part] === wall[part],
  );
  return same ? new Date(instant) : null;
}

function offsetAt(instant: number, timeZone: string): number {
  const wall = partsInZone(new Date(instant), timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return wallAsUtc - Math.floor(instant / 60_000) * 60_000;
}

/** "Tuesday 24 November 2026 at 10:00", read as a wall-clock time wherever the server runs. */
function describe(wall: WallClock): string {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  const name = (part: "weekday" | "month") =>
    date.toLocaleDateString("en-GB", { timeZone: "UTC", [part]: "long" });
  const time = `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`;
  return `${name("weekday")} ${wall.day} ${name("month")} ${wall.year} at ${time}`;
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function unreadable(input: string): { ok: false; message: string } {
  return refuse(`I couldn't read "${input}" as a day and time. ${EXAMPLES}`);
}

function needsDayAndTime(input: string): { ok: false; message: string } {
  return refuse(`"${input}" needs both a day and a time of day. ${EXAMPLES}`);
}
