// Periods the accountability outputs cover: a range of days or a calendar quarter, checked so a
// wrong one is a clear message rather than a crash.
import { addCalendarDays } from "../time/due-date.js";

export type PeriodResult = { ok: true; from: string; to: string } | { ok: false; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function parseDayRange(from: string, to: string): PeriodResult {
  for (const [name, value] of [
    ["--from", from],
    ["--to", to],
  ] as const) {
    if (!isRealDay(value.trim()))
      return { ok: false, message: `${name} must be a date written 2026-07-01, not "${value}".` };
  }
  if (from.trim() > to.trim()) {
    return {
      ok: false,
      message: `--from (${from.trim()}) is after --to (${to.trim()}), so the period is empty.`,
    };
  }
  return { ok: true, from: from.trim(), to: to.trim() };
}

/** `2026Q3` is 1 July to 30 September 2026. */
export function parseQuarter(text: string): PeriodResult {
  const match = /^(\d{4})\s*-?\s*Q([1-4])$/i.exec(text.trim());
  if (!match) return { ok: false, message: `--quarter must be written like 2026Q3, not "${text}".` };
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const firstMonth = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(firstMonth).padStart(2, "0")}-01`;
  const nextQuarter =
    quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(firstMonth + 3).padStart(2, "0")}-01`;
  return { ok: true, from, to: addCalendarDays(nextQuarter, -1) };
}

/** The last days of the `count` seven-day weeks that end on `to`, oldest first. */
export function weekEnds(to: string, count: number): string[] {
  const ends: string[] = [];
  for (let index = count - 1; index >= 0; index--) ends.push(addCalendarDays(to, -7 * index));
  return ends;
}
