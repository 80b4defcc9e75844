// The core's use cases over one store, as the chat surfaces and the command line use them.
import { Actions } from "./core/actions/actions.js";
import { Activities } from "./core/activities/activities.js";
import type { CommandServices } from "./core/commands/dispatch.js";
import type { ScheduleView } from "./core/commands/schedule-commands.js";
import { Digests } from "./core/digests/digests.js";
import { Leave } from "./core/leave/leave.js";
import { operationalPlan } from "./core/problems/plan.js";
import { Problems } from "./core/problems/problems.js";
import { Register } from "./core/register/register.js";
import { LDG_TIME_ZONE } from "./core/time/due-date.js";
import { PrismaActivityRepository } from "./store/activity-repository.js";
import type { Store } from "./store/database.js";
import { PrismaDigestRepository } from "./store/digest-repository.js";
import { PrismaLeaveRepository } from "./store/leave-repository.js";
import { PrismaRegisterRepository } from "./store/register-repository.js";
import { PrismaWorkflowRepository } from "./store/workflow-repository.js";

/**
 * `timeZone` is the configured TZ: due dates, review dates and logged days are read in it.
 * `scheduleStatus` reports the scheduled jobs, where this process runs them.
 */
export function createServices(
  store: Store,
  timeZone = LDG_TIME_ZONE,
  now: () => Date = () => new Date(),
  scheduleStatus: () => Promise<ScheduleView[]> = async () => [],
): CommandServices {
  const workflow = new PrismaWorkflowRepository(store);
  const actions = new Actions(workflow, now, timeZone);
  return {
    register: new Register(new PrismaRegisterRepository(store), now),
    problems: new Problems(workflow, now, timeZone),
    actions,
    activities: new Activities(new PrismaActivityRepository(store), timeZone),
    plan: (actor, area) => operationalPlan(workflow, actions, actor, area),
    digests: new Digests(new PrismaDigestRepository(store), timeZone),
    leave: new Leave(new PrismaLeaveRepository(store), now, timeZone),
    scheduleStatus,
    now,
  };
}
