// Small-number suppression for what is published: a count below 5 could point at a person.

export const SUPPRESSION_THRESHOLD = 5;

export function publishedCount(count: number): string {
  return count < SUPPRESSION_THRESHOLD ? `fewer than ${SUPPRESSION_THRESHOLD}` : String(count);
}

/** A share of a total, shown only when the total is not small: "80%" or "fewer than 5 actions". */
export function publishedShare(part: number, total: number, noun: string): string {
  if (total < SUPPRESSION_THRESHOLD) return `fewer than ${SUPPRESSION_THRESHOLD} ${noun}`;
  return `${Math.round((100 * part) / total)}%`;
}
