// The calendar day of a moment as the LDGs live it (Europe/London), written YYYY-MM-DD.

const LONDON_DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function londonDay(moment: Date): string {
  const parts = LONDON_DAY.formatToParts(moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((found) => found.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}
