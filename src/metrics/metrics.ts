// The bot's Prometheus metrics, served at /metrics. Each app has a registry of its own (never
// prom-client's global one), so two apps in one process, or one test after another, never clash.
// Labels are closed sets (routes, channels, message kinds, outcomes): never a person, an id or a path.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DeliveryObserver } from "../outbox/sender.js";
import type { JobObserver } from "../schedule/scheduler.js";

/** The chase job's name in the scheduler (schedule/jobs.ts). */
const CHASE_JOB = "chase";

/** Seconds; 3 s is Slack's deadline for an acknowledgement, so it is a bucket edge. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

export class AppMetrics implements DeliveryObserver, JobObserver {
  readonly registry = new Registry();
  private readonly requestSeconds: Histogram<"route" | "method" | "status">;
  private readonly messagesSent: Counter<"channel" | "kind">;
  private readonly messagesFailed: Counter<"channel" | "kind">;
  private readonly messagesRetried: Counter<"channel" | "kind">;
  private readonly chaseRuns: Counter<"outcome">;
  private readonly chaseMessages: Counter;
  private readonly jobRuns: Counter<"job" | "outcome">;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "ldg_" });
    this.requestSeconds = new Histogram({
      name: "ldg_http_request_duration_seconds",
      help: "Time from a request's arrival to its response (for Slack, the acknowledgement), by route",
      labelNames: ["route", "method", "status"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.messagesSent = new Counter({
      name: "ldg_messages_sent_total",
      help: "Outbox messages delivered, by channel and message kind",
      labelNames: ["channel", "kind"],
      registers,
    });
    this.messagesFailed = new Counter({
      name: "ldg_messages_failed_total",
      help: 'Outbox messages given up, by channel ("none" when nobody could be reached) and kind',
      labelNames: ["channel", "kind"],
      registers,
    });
    this.messagesRetried = new Counter({
      name: "ldg_messages_retried_total",
      help: "Outbox delivery attempts that failed and will be retried, by channel and kind",
      labelNames: ["channel", "kind"],
      registers,
    });
    this.chaseRuns = new Counter({
      name: "ldg_chase_runs_total",
      help: "Chase runs, by outcome: done, skipped (outside working hours) or failed",
      labelNames: ["outcome"],
      registers,
    });
    this.chaseMessages = new Counter({
      name: "ldg_chase_messages_decided_total",
      help: "Chase messages decided (one per person per run, each listing that person's items)",
      registers,
    });
    this.jobRuns = new Counter({
      name: "ldg_scheduled_job_runs_total",
      help: "Scheduled job runs (chase and digests), by job and outcome: done or failed",
      labelNames: ["job", "outcome"],
      registers,
    });
  }

  /** The outbox's depth is read from the database on each scrape, so every replica reports the truth. */
  measureOutboxDepth(depth: () => Promise<number>): void {
    new Gauge({
      name: "ldg_outbox_depth",
      help: "Outbox messages still to deliver (pending, including those waiting to retry)",
      registers: [this.registry],
      async collect() {
        this.set(await depth());
      },
    });
  }

  observeRequest(route: string, method: string, status: number | "aborted", seconds: number): void {
    this.requestSeconds.observe({ route, method, status: String(status) }, seconds);
  }

  sent(kind: string, channel: string): void {
    this.messagesSent.inc({ channel, kind });
  }

  failed(kind: string, channel: string | undefined): void {
    this.messagesFailed.inc({ channel: channel ?? "none", kind });
  }

  retried(kind: string, channel: string): void {
    this.messagesRetried.inc({ channel, kind });
  }

  jobFinished(job: string, counts: Record<string, number | string> | null): void {
    this.jobRuns.inc({ job, outcome: counts ? "done" : "failed" });
    if (job !== CHASE_JOB) return;
    this.chaseRuns.inc({ outcome: !counts ? "failed" : counts.skipped ? "skipped" : "done" });
    if (typeof counts?.messages === "number") this.chaseMessages.inc(counts.messages);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
