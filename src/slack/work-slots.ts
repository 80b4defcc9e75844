// Slack wants every request acknowledged within 3 s. Handlers acknowledge first and then work, and
// the work's database calls answer synchronously (SQLite), so work that starts while a burst of
// presses is still arriving keeps the event loop from reading the requests behind it. So work
// after an ack waits for one of a few slots; while requests keep arriving it waits for a lull (up
// to a limit, so that it is never put off for long under steady load); and it starts only after the
// event loop has been round its I/O (setImmediate runs after the poll phase).
import { setImmediate, setTimeout } from "node:timers/promises";

export interface WorkSlotsOptions {
  slots: number;
  /** Work waits until no request has arrived for this long... */
  lullMs?: number;
  /** ...but not longer than this after it was queued. */
  maxWaitMs?: number;
  now?: () => number;
}

export class WorkSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private lastArrival = Number.NEGATIVE_INFINITY;
  private readonly slots: number;
  private readonly lullMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(options: WorkSlotsOptions) {
    this.slots = options.slots;
    this.lullMs = options.lullMs ?? 0;
    this.maxWaitMs = options.maxWaitMs ?? 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** A request has arrived (and is being acknowledged). */
  arrived(): void {
    this.lastArrival = this.now();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const queuedAt = this.now();
    if (this.running >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      for (;;) {
        const quietFor = this.now() - this.lastArrival;
        if (quietFor >= this.lullMs || this.now() - queuedAt >= this.maxWaitMs) break;
        await setTimeout(this.lullMs - quietFor);
      }
      await setImmediate();
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
