// An action's life (DESIGN.md): PROPOSED -> ACCEPTED -> DONE; PROPOSED -> DECLINED (with a reason;
// the coordinator then reassigns it, which proposes it afresh); any open state -> CANCELLED.

export type ActionStatus = "PROPOSED" | "ACCEPTED" | "DECLINED" | "DONE" | "CANCELLED";

const NEXT: Record<ActionStatus, ActionStatus[]> = {
  PROPOSED: ["ACCEPTED", "DECLINED", "CANCELLED"],
  ACCEPTED: ["DONE", "CANCELLED", "PROPOSED"],
  DECLINED: ["PROPOSED", "CANCELLED"],
  DONE: [],
  CANCELLED: [],
};

export function canMoveAction(from: ActionStatus, to: ActionStatus): boolean {
  return NEXT[from].includes(to);
}

export const ACTION_STATUSES = Object.keys(NEXT) as ActionStatus[];
