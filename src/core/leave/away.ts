// Whether a person is on leave on a day: "away until 7 December" means back on the 7th.
export function isAwayOn(person: { awayUntil: string | null }, day: string): boolean {
  return person.awayUntil !== null && day < person.awayUntil;
}
