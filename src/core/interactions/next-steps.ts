// The buttons an action's owner may press next, by its status.
import type { Button } from "../../chat/message.js";
import type { Action } from "../problems/model.js";

export function nextSteps(action: Pick<Action, "id" | "status">): Button[] {
  const on = (label: string, intent: Button["intent"], style?: Button["style"]): Button => ({
    label,
    intent,
    target: action.id,
    ...(style ? { style } : {}),
  });
  switch (action.status) {
    case "PROPOSED":
      return [on("Accept", "action.accept", "primary"), on("Decline", "action.decline", "danger")];
    case "ACCEPTED":
      return [on("Add update", "action.update"), on("Done", "action.done", "primary")];
    default:
      return [];
  }
}
