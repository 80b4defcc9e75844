// Runs the bot's timed jobs with node-cron in the LDGs' time zone. Every process may schedule them:
// a slot runs where its JobRun row is claimed first (node-cron's run coordinator asks the table),
// so a second replica or a restart never runs it twice. At start, the most recent slot of each job
// that nobody ran (the bot was down at 08:00) is caught up.
import cron, { type RunCoordinator, type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { JobRunRecord, PrismaJobRuns } from "../store/job-run-repository.js";
import { CronSlots } from "./cron-slots.js";

export interface ScheduledJob {
  name: string;
  /** What it does, for the `schedule` command. */
  description: string;
  cron: string;
  /** A missed slot older than this is not caught up: its moment has passed. */
  catchUpWithinMs: number;
  run(slotKey: string, now: Date): Promise<Record<string, number | string>>;
}

export interface JobStatus {
  name: string;
  description: string;
  cron: string;
  nextRuns: Date[];
  lastRun: JobRunRecord | null;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  jobRuns: PrismaJobRuns;
  timeZone: string;
  logger: Logger;
  now?: () => Date;
  /** How long a claimed run may take before another process may take it over. */
  leaseMs?: number;
  /** Told when each run ends (the metrics). */
  observer?: JobObserver;
}

export interface JobObserver {
  /** `counts` is the run's result, or null when it failed. */
  jobFinished(job: string, counts: Record<string, number | string> | null): void;
}

const DEFAULT_LEASE_MS = 15 * 60_000;

/** node-cron's coordinator key for a slot, and so the JobRun's. */
export function slotKeyOf(job: string, at: Date): string {
  return `${job}:${at.toISOString()}`;
}

export class Scheduler {
  private readonly jobs: Map<string, { job: ScheduledJob; slots: CronSlots }>;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: SchedulerOptions) {
    this.jobs = new Map(
      options.jobs.map((job) => [job.name, { job, slots: new CronSlots(job.cron, options.timeZone) }]),
    );
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Schedules every job, then catches up missed slots. */
  async start(): Promise<void> {
    const coordinator: RunCoordinator = {
      shouldRun: (key) => this.claim(key),
    };
    for (const { job } of this.jobs.values()) {
      const task = cron.schedule(
        job.cron,
        (context) => this.track(this.execute(job, slotKeyOf(job.name, context.date))),
        {
          name: job.name,
          timezone: this.options.timeZone,
          noOverlap: true,
          distributed: true,
          runCoordinator: coordinator,
        },
      );
      this.tasks.push(task);
    }
    await this.catchUp();
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) await task.destroy();
    this.tasks = [];
    await Promise.allSettled([...this.running]);
  }

  /**
   * Runs each job's most recent slot at or before now, if no process has run it. Returns the slot
   * keys run. Only jobs that have run here before are caught up: a bot started for the first time
   * was not down when the slot passed, and a digest out of the blue would surprise its readers.
   */
  async catchUp(): Promise<string[]> {
    const now = this.now();
    const ran: string[] = [];
    for (const { job, slots } of this.jobs.values()) {
      const slot = slots.previous(now);
      if (!slot || now.getTime() - slot.getTime() > job.catchUpWithinMs) continue;
      if (!(await this.options.jobRuns.lastRun(job.name))) continue;
      if (await this.runSlot(job.name, slot)) ran.push(slotKeyOf(job.name, slot));
    }
    return ran;
  }

  /** Claims and runs one slot of a job; false when another run has it (or had it and finished). */
  async runSlot(jobName: string, at: Date): Promise<boolean> {
    const entry = this.jobs.get(jobName);
    if (!entry) throw new RangeError(`No job called ${jobName}`);
    const key = slotKeyOf(jobName, at);
    if (!(await this.claim(key))) return false;
    await this.track(this.execute(entry.job, key));
    return true;
  }

  async status(): Promise<JobStatus[]> {
    const now = this.now();
    return Promise.all(
      [...this.jobs.values()].map(async ({ job, slots }) => ({
        name: job.name,
        description: job.description,
        cron: job.cron,
        nextRuns: slots.next(now, 2),
        lastRun: await this.options.jobRuns.lastRun(job.name),
      })),
    );
  }

  private async claim(key: string): Promise<boolean> {
    const separator = key.indexOf(":");
    const job = key.slice(0, separator);
    const at = new Date(key.slice(separator + 1));
    return this.options.jobRuns.claim(key, job, at, this.now(), this.leaseMs);
  }

  private async execute(job: ScheduledJob, slotKey: string): Promise<void> {
    const { jobRuns, logger } = this.options;
    try {
      const counts = await job.run(slotKey, this.now());
      await jobRuns.finish(slotKey, this.now(), counts, null);
      logger.info({ slotKey, counts }, "scheduled job finished");
      this.options.observer?.jobFinished(job.name, counts);
    } catch (error) {
      logger.error({ err: error, slotKey }, "scheduled job failed");
      this.options.observer?.jobFinished(job.name, null);
      await jobRuns.finish(slotKey, this.now(), {}, error instanceof Error ? error.message : String(error));
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return work;
  }
}
