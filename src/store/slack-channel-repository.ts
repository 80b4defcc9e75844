// Which private Slack channel belongs to which problem, and where its pinned card is.
import type { Store } from "./database.js";

export interface SlackProblemChannel {
  problemRef: string;
  channelId: string;
  cardTs: string | null;
}

export class PrismaSlackChannels {
  constructor(private readonly store: Store) {}

  async find(problemRef: string): Promise<SlackProblemChannel | null> {
    return this.store.slackProblemChannel.findUnique({
      where: { problemRef },
      select: { problemRef: true, channelId: true, cardTs: true },
    });
  }

  async findByChannel(channelId: string): Promise<SlackProblemChannel | null> {
    return this.store.slackProblemChannel.findUnique({
      where: { channelId },
      select: { problemRef: true, channelId: true, cardTs: true },
    });
  }

  async save(channel: SlackProblemChannel): Promise<void> {
    const { problemRef, channelId, cardTs } = channel;
    await this.store.slackProblemChannel.upsert({
      where: { problemRef },
      create: { problemRef, channelId, cardTs },
      update: { channelId, cardTs },
    });
  }
}
