// Slack wants every request acknowledged within 3 s. Handlers acknowledge first and then work, and
// the work's database calls answer synchronously (SQLite), so a burst of presses whose work all
// starts at once keeps the event loop from even reading the requests behind them. Work after the
// ack waits for one of a few slots instead, and each piece of work starts only after the event loop
// has been round to its I/O (setImmediate runs after the poll phase): requests that have arrived
// are read and acknowledged before any more work begins.
import { setImmediate } from "node:timers/promises";

export class WorkSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly slots: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
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
