// Puts the scheduler together over one store: chasing, digests and retention, recorded in JobRun.
import type { Logger } from "pino";
import { Chasing } from "../core/chasing/chasing.js";
import { Digests, EVERY_CHANNEL } from "../core/digests/digests.js";
import type { DeliveryChannels } from "../core/digests/repository.js";
import { DEFAULT_RETENTION_MONTHS, Retention } from "../core/retention/retention.js";
import { PrismaChaseRepository } from "../store/chase-repository.js";
import type { Store } from "../store/database.js";
import { PrismaDigestRepository } from "../store/digest-repository.js";
import { PrismaJobRuns } from "../store/job-run-repository.js";
import { PrismaRetentionRepository } from "../store/retention-repository.js";
import { type ScheduleExpressions, scheduledJobs } from "./jobs.js";
import { Scheduler } from "./scheduler.js";

export function createScheduler(
  store: Store,
  expressions: ScheduleExpressions,
  timeZone: string,
  logger: Logger,
  now?: () => Date,
  retentionMonths: number = DEFAULT_RETENTION_MONTHS,
  channels: DeliveryChannels = EVERY_CHANNEL,
): Scheduler {
  const jobs = scheduledJobs(
    expressions,
    new Chasing(new PrismaChaseRepository(store), timeZone),
    new Digests(new PrismaDigestRepository(store), timeZone, channels),
    new Retention(new PrismaRetentionRepository(store), retentionMonths),
  );
  return new Scheduler({
    jobs,
    jobRuns: new PrismaJobRuns(store),
    timeZone,
    logger,
    ...(now ? { now } : {}),
  });
}
