// Fire times of a cron expression, backwards as well as forwards: node-cron only looks ahead, and
// catching up the slot missed while the bot was down needs the one before now.
import cron, { type ScheduledTask } from "node-cron";

const MINUTE_MS = 60_000;
/** Far enough back for a monthly job missed over a long weekend, and then some. */
const DEFAULT_LOOKBACK_DAYS = 40;

/** A five-field expression (minute hour day-of-month month day-of-week): the bot's jobs need no seconds. */
export function isFiveFieldCron(expression: string): boolean {
  return expression.trim().split(/\s+/).length === 5 && cron.validate(expression);
}

export class CronSlots {
  private readonly matcher: ScheduledTask;
  private readonly minutes: ReadonlySet<number>;

  constructor(
    readonly expression: string,
    readonly timeZone: string,
  ) {
    if (!isFiveFieldCron(expression)) throw new RangeError(`Not a five-field cron expression: ${expression}`);
    // A task that is never started: only its matcher is used. Destroying it takes it off
    // node-cron's registry again.
    this.matcher = cron.createTask(expression, () => undefined, { timezone: timeZone });
    this.matcher.destroy();
    this.minutes = new Set(cron.parse(expression).minute);
  }

  matches(instant: Date): boolean {
    return instant.getUTCSeconds() === 0 && instant.getUTCMilliseconds() === 0 && this.matcher.match(instant);
  }

  /** The latest fire time at or before `instant`, or null if none in the lookback. */
  previous(instant: Date, lookbackDays = DEFAULT_LOOKBACK_DAYS): Date | null {
    const start = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
    const end = start - lookbackDays * 24 * 60 * MINUTE_MS;
    return this.walk(start, -MINUTE_MS, (time) => time >= end);
  }

  /** The first `count` fire times strictly after `instant`. */
  next(instant: Date, count = 1, lookaheadDays = DEFAULT_LOOKBACK_DAYS): Date[] {
    const found: Date[] = [];
    let from = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    const end = from + lookaheadDays * 24 * 60 * MINUTE_MS;
    while (found.length < count) {
      const slot = this.walk(from, MINUTE_MS, (time) => time <= end);
      if (!slot) break;
      found.push(slot);
      from = slot.getTime() + MINUTE_MS;
    }
    return found;
  }

  // Every time zone the bot serves is a whole number of hours off UTC, so the minute of the hour is
  // the same in UTC: minutes the expression cannot match are skipped without asking the matcher.
  private walk(from: number, step: number, within: (time: number) => boolean): Date | null {
    for (let time = from; within(time); time += step) {
      if (!this.minutes.has(new Date(time).getUTCMinutes())) continue;
      const candidate = new Date(time);
      if (this.matcher.match(candidate)) return candidate;
    }
    return null;
  }
}
