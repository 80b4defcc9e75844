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
import { type JobObserver, Scheduler } from "./scheduler.js";

export function createScheduler(
  store: Store,
  expressions: ScheduleExpressions,
  timeZone: string,
  logger: Logger,
  options: {
    now?: () => Date;
    retentionMonths?: number;
    /** The delivery channels configured, for the digests' "cannot reach" list. */
    channels?: DeliveryChannels;
    observer?: JobObserver;
  } = {},
): Scheduler {
  const jobs = scheduledJobs(
    expressions,
    new Chasing(new PrismaChaseRepository(store), timeZone),
    new Digests(new PrismaDigestRepository(store), timeZone, options.channels ?? EVERY_CHANNEL),
    new Retention(new PrismaRetentionRepository(store), options.retentionMonths ?? DEFAULT_RETENTION_MONTHS),
  );
  return new Scheduler({
    jobs,
    jobRuns: new PrismaJobRuns(store),
    timeZone,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}
