// Puts the scheduler together over one store: chasing, digests, retention and the register's checks,
// recorded in JobRun.
import type { Logger } from "pino";
import { Chasing } from "../core/chasing/chasing.js";
import { Digests, EVERY_CHANNEL } from "../core/digests/digests.js";
import type { DeliveryChannels } from "../core/digests/repository.js";
import { RegisterChecks } from "../core/register/checks.js";
import { VERIFY_EVERY_MONTHS } from "../core/register/register.js";
import { DEFAULT_RETENTION_MONTHS, Retention } from "../core/retention/retention.js";
import { PrismaChaseRepository } from "../store/chase-repository.js";
import type { Store } from "../store/database.js";
import { PrismaDigestRepository } from "../store/digest-repository.js";
import { PrismaJobRuns } from "../store/job-run-repository.js";
import { PrismaRegisterCheckRepository } from "../store/register-check-repository.js";
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
    /** How often each SPOC is asked to check their entry. */
    verifyEveryMonths?: number;
    /** The delivery channels configured, for the digests' "cannot reach" list. */
    channels?: DeliveryChannels;
    observer?: JobObserver;
  } = {},
): Scheduler {
  const verifyEveryMonths = options.verifyEveryMonths ?? VERIFY_EVERY_MONTHS;
  const now = options.now ?? (() => new Date());
  const jobs = scheduledJobs(
    expressions,
    new Chasing(new PrismaChaseRepository(store), timeZone),
    new Digests(
      new PrismaDigestRepository(store),
      timeZone,
      options.channels ?? EVERY_CHANNEL,
      verifyEveryMonths,
    ),
    new Retention(new PrismaRetentionRepository(store), options.retentionMonths ?? DEFAULT_RETENTION_MONTHS),
    new RegisterChecks(new PrismaRegisterCheckRepository(store), now, timeZone, {
      everyMonths: verifyEveryMonths,
    }),
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
