// An action's RAG, derived whenever it is read so it is never stale: red when overdue, amber when
// due within two working days, green otherwise. Finished actions have none.
import { addWorkingDays } from "../time/working-days.js";
import type { ActionStatus } from "./status.js";

export type Rag = "RED" | "AMBER" | "GREEN";

export function ragOf(status: ActionStatus, dueOn: string, today: string): Rag | null {
  if (status === "DONE" || status === "CANCELLED") return null;
  if (dueOn < today) return "RED";
  if (dueOn <= addWorkingDays(today, 2)) return "AMBER";
  return "GREEN";
}
