// Priority and review rhythm (DESIGN.md): harm 1-4 times likelihood 1-4. RED at 9 or more, or when
// a vulnerable person is involved and harm is 3 or more; AMBER 4-8; GREEN 1-3.

export type Priority = "RED" | "AMBER" | "GREEN";

export const HARM_LABELS = { 1: "low", 2: "moderate", 3: "significant", 4: "severe" } as const;
export const LIKELIHOOD_LABELS = { 1: "unlikely", 2: "possible", 3: "likely", 4: "almost certain" } as const;
export type Score = 1 | 2 | 3 | 4;

export function priorityOf(harm: Score, likelihood: Score, vulnerablePerson: boolean): Priority {
  const score = harm * likelihood;
  if (score >= 9 || (vulnerablePerson && harm >= 3)) return "RED";
  if (score >= 4) return "AMBER";
  return "GREEN";
}

/** Days between reviews: a RED problem every 14 days, AMBER every 28, GREEN every 56. */
export const REVIEW_INTERVAL_DAYS: Record<Priority, number> = { RED: 14, AMBER: 28, GREEN: 56 };

/** The plan's order: RED, then AMBER, then GREEN. */
export const PRIORITY_RANK: Record<Priority, number> = { RED: 0, AMBER: 1, GREEN: 2 };
