// The bot's scheduled jobs: chasing, the coordinators' weekly digest, the board's monthly digest,
// the retention job that removes closed problems' personal details, and the register's checks.
import type { Chasing } from "../core/chasing/chasing.js";
import type { Digests } from "../core/digests/digests.js";
import type { RegisterChecks } from "../core/register/checks.js";
import type { Retention } from "../core/retention/retention.js";
import type { ScheduledJob } from "./scheduler.js";

export interface ScheduleExpressions {
  chase: string;
  weeklyDigest: string;
  boardDigest: string;
  /** Absent in tests that schedule only chasing and digests. */
  retention?: string;
  /** Asks SPOCs whether they are still the contact; absent in tests that schedule only chasing and digests. */
  registerChecks?: string;
}

const HOUR_MS = 60 * 60_000;

export function scheduledJobs(
  cron: ScheduleExpressions,
  chasing: Chasing,
  digests: Digests,
  retention?: Retention,
  registerChecks?: RegisterChecks,
): ScheduledJob[] {
  const jobs: ScheduledJob[] = [
    {
      name: "chase",
      description: "chases actions and reviews that are due",
      cron: cron.chase,
      // A chase slot missed earlier the same working day still has its day to run in.
      catchUpWithinMs: 10 * HOUR_MS,
      run: (slotKey, now) => chasing.run(slotKey, now),
    },
    {
      name: "digest.weekly",
      description: "sends each area's weekly digest to its coordinators",
      cron: cron.weeklyDigest,
      catchUpWithinMs: 3 * 24 * HOUR_MS,
      run: (slotKey, now) => digests.sendWeekly(slotKey, now),
    },
    {
      name: "digest.board",
      description: "sends the monthly digest to the Strategic Board's members",
      cron: cron.boardDigest,
      // Late is better than never for the month's figures, within a fortnight.
      catchUpWithinMs: 14 * 24 * HOUR_MS,
      run: (slotKey, now) => digests.sendBoard(slotKey, now),
    },
  ];
  if (cron.retention && retention) {
    jobs.push({
      name: "retention",
      description: "removes the personal details of problems closed longer than the retention period",
      cron: cron.retention,
      // Nothing is lost by waiting for the next slot, but a day's delay is caught up.
      catchUpWithinMs: 24 * HOUR_MS,
      run: async (_slotKey, now) => retention.run(now),
    });
  }
  if (cron.registerChecks && registerChecks) {
    jobs.push({
      name: "register.verify",
      description:
        "asks SPOCs whose entries are due whether they are still the contact, and tells coordinators of checks nobody answered",
      cron: cron.registerChecks,
      // Each run asks whoever is due by then: a missed day is caught up the same day only.
      catchUpWithinMs: 10 * HOUR_MS,
      run: (slotKey, now) => registerChecks.run(slotKey, now),
    });
  }
  return jobs;
}
