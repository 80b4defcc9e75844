// Chases go out on working days, 08:00-18:00 in the LDGs' time zone; a run outside them sends nothing.
import { calendarDayInZone, partsInZone } from "../time/due-date.js";
import { isWorkingDay } from "../time/working-days.js";

export const WORKING_HOURS = { from: 8, to: 18 } as const;

export function outsideWorkingHours(now: Date, timeZone: string): string | null {
  const day = calendarDayInZone(now, timeZone);
  if (!isWorkingDay(day)) return `${day} is not a working day`;
  const { hour } = partsInZone(now, timeZone);
  if (hour < WORKING_HOURS.from || hour >= WORKING_HOURS.to) return `${hour}:00 is outside working hours`;
  return null;
}
