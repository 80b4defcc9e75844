// The area's prioritised operational plan: open problems RED first, then AMBER, then GREEN, oldest
// first within each, with their partners and open actions (each with its RAG, derived now).

import type { Actions, ActionView } from "../actions/actions.js";
import type { Actor } from "../actor.js";
import { InvalidInput } from "../errors.js";
import { canSeeProblem } from "./access.js";
import type { Problem, WorkflowRepository } from "./model.js";
import { PRIORITY_RANK } from "./priority.js";

export interface PlanEntry {
  problem: Problem;
  actions: ActionView[];
}

export interface Plan {
  area: { id: string; code: string; name: string };
  entries: PlanEntry[];
}

export async function operationalPlan(
  repository: WorkflowRepository,
  actions: Actions,
  actor: Actor,
  areaCodeOrName: string,
): Promise<Plan> {
  const area = await repository.findArea(areaCodeOrName);
  if (!area) throw new InvalidInput([`"${areaCodeOrName}" is not an area in the register`]);
  const problems = (await repository.openProblems(area.id))
    .filter((problem) => canSeeProblem(actor, problem))
    .sort(
      (a, b) =>
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    );
  const allActions = await repository.actionsOf(problems.map((problem) => problem.id));
  return {
    area,
    entries: problems.map((problem) => ({
      problem,
      actions: allActions
        .filter(
          (action) =>
            action.problemId === problem.id && action.status !== "DONE" && action.status !== "CANCELLED",
        )
        .map((action) => actions.view(action)),
    })),
  };
}
