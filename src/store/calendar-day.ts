// Calendar days (YYYY-MM-DD: due dates, review dates, activity days) are stored as midnight UTC.

export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dateToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
