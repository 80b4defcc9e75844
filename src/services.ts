// The core's use cases over one store, as the chat surfaces and the command line use them.
import { Actions } from "./core/actions/actions.js";
import { Activities } from "./core/activities/activities.js";
import type { CommandServices } from "./core/commands/dispatch.js";
import { operationalPlan } from "./core/problems/plan.js";
import { Problems } from "./core/problems/problems.js";
import { Register } from "./core/register/register.js";
import { PrismaActivityRepository } from "./store/activity-repository.js";
import type { Store } from "./store/database.js";
import { PrismaRegisterRepository } from "./store/register-repository.js";
import { PrismaWorkflowRepository } from "./store/workflow-repository.js";

export function createServices(store: Store, now: () => Date = () => new Date()): CommandServices {
  const workflow = new PrismaWorkflowRepository(store);
  const actions = new Actions(workflow, now);
  return {
    register: new Register(new PrismaRegisterRepository(store), now),
    problems: new Problems(workflow, now),
    actions,
    activities: new Activities(new PrismaActivityRepository(store)),
    plan: (actor, area) => operationalPlan(workflow, actions, actor, area),
    now,
  };
}
