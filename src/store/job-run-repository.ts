// Scheduled runs over Prisma. A slot is claimed by inserting its row: the unique slot key lets one
// process in; a run whose process died (its lease ran out unfinished) or that failed may be taken again.
import type { Store } from "./database.js";
import { Prisma } from "./generated/client.js";

export interface JobRunRecord {
  slotKey: string;
  job: string;
  slotAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  counts: Record<string, unknown> | null;
  error: string | null;
}

const MAX_ERROR_LENGTH = 1000;

export class PrismaJobRuns {
  constructor(private readonly store: Store) {}

  /** True when this caller now holds the slot and should run it. */
  async claim(slotKey: string, job: string, slotAt: Date, now: Date, leaseMs: number): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.store.jobRun.create({ data: { slotKey, job, slotAt, startedAt: now, leaseUntil } });
      return true;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
    // Someone has the row. Take it over only if their run died or failed: a conditional update,
    // so of two processes trying at once exactly one matches.
    const taken = await this.store.jobRun.updateMany({
      where: {
        slotKey,
        OR: [
          { finishedAt: null, leaseUntil: { lt: now } },
          { finishedAt: { not: null }, error: { not: null } },
        ],
      },
      data: { startedAt: now, leaseUntil, finishedAt: null, error: null, counts: Prisma.DbNull },
    });
    return taken.count === 1;
  }

  async finish(slotKey: string, at: Date, counts: Record<string, unknown>, error: string | null) {
    await this.store.jobRun.update({
      where: { slotKey },
      data: {
        finishedAt: at,
        counts: counts as Prisma.InputJsonObject,
        error: error && error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error,
      },
    });
  }

  async lastRun(job: string): Promise<JobRunRecord | null> {
    const row = await this.store.jobRun.findFirst({ where: { job }, orderBy: { slotAt: "desc" } });
    return row ? { ...row, counts: row.counts as Record<string, unknown> | null } : null;
  }
}
