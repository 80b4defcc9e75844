// The problem's life: RAISED -> TRIAGED -> CONVENED -> ACTIVE -> REVIEW -> CLOSED, with ESCALATED
// beside ACTIVE (DESIGN.md). Closing and reopening are the only ways out of and back from CLOSED.
// A coordinator may task a small problem straight away, so RAISED and TRIAGED may go to ACTIVE.

export type ProblemStatus = "RAISED" | "TRIAGED" | "CONVENED" | "ACTIVE" | "ESCALATED" | "REVIEW" | "CLOSED";

const NEXT: Record<ProblemStatus, ProblemStatus[]> = {
  RAISED: ["TRIAGED", "CONVENED", "ACTIVE", "CLOSED"],
  TRIAGED: ["CONVENED", "ACTIVE", "ESCALATED", "CLOSED"],
  CONVENED: ["ACTIVE", "ESCALATED", "CLOSED"],
  ACTIVE: ["ESCALATED", "REVIEW", "CLOSED"],
  ESCALATED: ["ACTIVE", "REVIEW", "CLOSED"],
  REVIEW: ["ACTIVE", "ESCALATED", "CLOSED"],
  CLOSED: ["ACTIVE"],
};

export function canMoveProblem(from: ProblemStatus, to: ProblemStatus): boolean {
  return NEXT[from].includes(to);
}

export const PROBLEM_STATUSES = Object.keys(NEXT) as ProblemStatus[];
