// Slack events already handled, by event_id. Slack redelivers an event it thinks went unanswered
// (X-Slack-Retry-Num); claiming the id first makes the second delivery a no-op.
import type { Store } from "./database.js";
import { Prisma } from "./generated/client.js";

export class PrismaSlackEvents {
  constructor(private readonly store: Store) {}

  /** True the first time an event id is claimed; false for every redelivery of it. */
  async claim(eventId: string): Promise<boolean> {
    try {
      await this.store.slackProcessedEvent.create({ data: { eventId } });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
      throw error;
    }
  }

  /** Gives a claim back when handling failed, so Slack's retry gets another go. */
  async release(eventId: string): Promise<void> {
    await this.store.slackProcessedEvent.deleteMany({ where: { eventId } });
  }

  /** Slack stops retrying within the hour; older ids are only kept this long to be safe. */
  async forgetBefore(cutoff: Date): Promise<number> {
    const { count } = await this.store.slackProcessedEvent.deleteMany({
      where: { receivedAt: { lt: cutoff } },
    });
    return count;
  }
}
