// Puts the scheduler together over one store: chasing and digests, recorded in JobRun.
import type { Logger } from "pino";
import { Chasing } from "../core/chasing/chasing.js";
import { Digests } from "../core/digests/digests.js";
import { PrismaChaseRepository } from "../store/chase-repository.js";
import type { Store } from "../store/database.js";
import { PrismaDigestRepository } from "../store/digest-repository.js";
import { PrismaJobRuns } from "../store/job-run-repository.js";
import { type ScheduleExpressions, scheduledJobs } from "./jobs.js";
import { type JobObserver, Scheduler } from "./scheduler.js";

export function createScheduler(
  store: Store,
  expressions: ScheduleExpressions,
  timeZone: string,
  logger: Logger,
  now?: () => Date,
  observer?: JobObserver,
): Scheduler {
  const jobs = scheduledJobs(
    expressions,
    new Chasing(new PrismaChaseRepository(store), timeZone),
    new Digests(new PrismaDigestRepository(store), timeZone),
  );
  return new Scheduler({
    jobs,
    jobRuns: new PrismaJobRuns(store),
    timeZone,
    logger,
    ...(now ? { now } : {}),
    ...(observer ? { observer } : {}),
  });
}
