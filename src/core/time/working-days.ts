// Working days for RAG and chasing: weekends and England and Wales bank holidays are skipped.
// The list is shipped (from the published GOV.UK dates) so that nothing is fetched at run time.
import { addCalendarDays } from "./due-date.js";

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: ReadonlySet<string> = new Set([
  "2025-01-01",
  "2025-04-18",
  "2025-04-21",
  "2025-05-05",
  "2025-05-26",
  "2025-08-25",
  "2025-12-25",
  "2025-12-26",
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
  "2028-01-03",
  "2028-04-14",
  "2028-04-17",
  "2028-05-01",
  "2028-05-29",
  "2028-08-28",
  "2028-12-25",
  "2028-12-26",
]);

let bankHolidays: ReadonlySet<string> = ENGLAND_AND_WALES_BANK_HOLIDAYS;

/**
 * Adds a deployment's own days off to the shipped list (a one-off bank holiday, a year not shipped
 * yet): set once at start from the configuration, for every working-day count in the process.
 */
export function configureExtraBankHolidays(days: readonly string[]): void {
  bankHolidays = new Set([...ENGLAND_AND_WALES_BANK_HOLIDAYS, ...days]);
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string> = bankHolidays): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The day `count` working days after `day` (count >= 0; 0 gives `day` itself). */
export function addWorkingDays(
  day: string,
  count: number,
  holidays: ReadonlySet<string> = bankHolidays,
): string {
  let current = day;
  let left = count;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current, holidays)) left -= 1;
  }
  return current;
}

/** How many working days fall after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(
  from: string,
  to: string,
  holidays: ReadonlySet<string> = bankHolidays,
): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, holidays)) count += 1;
  }
  return count;
}
