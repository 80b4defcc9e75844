// Delivers the posts for problems' threads in their areas' LDG channels, as the outbox sender
// delivers messages to people (and on its passes): claims the due ones, posts each on its platform
// and records the outcome. A thread's first post stores the thread's anchor with its outcome; a
// reply waits, without using up its attempts, until that anchor is there.
//
// Logs carry post ids and outcomes only: never payloads or a platform's error text.
import type { Logger } from "pino";
import type { ChannelThreads } from "../chat/channel-threads.js";
import { RecipientUnreachable, RetryLater } from "../chat/platform.js";
import type { ClaimedChannelPost, PrismaChannelPosts } from "../store/channel-post-repository.js";
import { InvalidOutboxPayload } from "./render.js";
import { type DeliveryCounts, type DeliveryObserver, defaultBackoff, SEND_TIME_BUDGET_MS } from "./sender.js";
import { renderThreadPost } from "./thread-render.js";

const BATCH_SIZE = 50;
/** How long a reply waits before looking again for its thread's first post. */
const THREAD_WAIT_MS = 30_000;

export interface ThreadSenderOptions {
  posts: PrismaChannelPosts;
  /** The platforms with LDG channels this bot can post in. */
  threads: ChannelThreads[];
  logger: Logger;
  /** Milliseconds to wait after failed attempt number `attempt`; the outbox's backoff by default. */
  backoff?: (attempt: number) => number;
  now?: () => Date;
  maxAttempts?: number;
  /** Told each post's outcome (the metrics), as "thread.start" or "thread.reply" on its platform. */
  observer?: DeliveryObserver;
}

export class ThreadSender {
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => number;

  constructor(private readonly options: ThreadSenderOptions) {
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = options.backoff ?? ((attempt) => defaultBackoff(attempt));
  }

  async deliverDue(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
    for (const post of await this.options.posts.claimDue(this.now(), BATCH_SIZE)) {
      // As the outbox: never start a post another sender may be about to claim again.
      if (post.claimedUntil.getTime() - this.now().getTime() < SEND_TIME_BUDGET_MS) continue;
      counts[await this.deliver(post)]++;
    }
    return counts;
  }

  private async deliver(post: ClaimedChannelPost): Promise<keyof DeliveryCounts> {
    const { posts, logger } = this.options;
    const attempts = post.attempts + 1;
    const log = { channelPostId: post.id, platform: post.platform, attempts };
    const threads = this.options.threads.find((each) => each.platform === post.platform);
    if (!threads) return this.fail(post, attempts, `${post.platform} is not configured on this bot`);
    let anchor: string | null = null;
    if (!post.startsThread) {
      const thread = await posts.anchorOf(post.problemRef);
      if (thread.state === "pending") {
        await posts.markRetry(
          post.id,
          post.attempts,
          new Date(this.now().getTime() + THREAD_WAIT_MS),
          "waiting for the thread's first post",
        );
        return "retried";
      }
      if (thread.state !== "posted")
        return this.fail(post, attempts, "the thread's first post was never made");
      anchor = thread.postedId;
    }
    if (post.unconfirmedSendSince) {
      const found = await this.findPosted(threads, post, anchor, post.unconfirmedSendSince);
      if (found !== null) {
        await posts.markSent(post.id, attempts, this.now(), post.startsThread ? found : null);
        logger.info(log, "thread post had arrived before its sender stopped; not posted again");
        this.options.observer?.sent(kindOf(post), post.platform);
        return "sent";
      }
    } else {
      await posts.markSending(post.id, this.now());
    }
    // Only the platform's errors are retried: a store error after a post went out must not post it again.
    let postedId: string | null = null;
    try {
      const message = renderThreadPost(post.startsThread, post.payload);
      if (anchor === null) postedId = await threads.start(post.address, message, post.id);
      else await threads.reply(post.address, anchor, message, post.id);
    } catch (error) {
      if (error instanceof InvalidOutboxPayload || error instanceof RecipientUnreachable) {
        return this.fail(post, attempts, error.message);
      }
      const text = `${post.platform}: ${error instanceof Error ? error.message : String(error)}`;
      if (attempts >= this.maxAttempts) {
        return this.fail(post, attempts, `gave up after ${attempts} attempts: ${text}`);
      }
      const delay = Math.max(this.backoff(attempts), error instanceof RetryLater ? error.retryAfterMs : 0);
      await posts.markRetry(post.id, attempts, new Date(this.now().getTime() + delay), text);
      logger.warn(log, "thread post not sent; will retry");
      this.options.observer?.retried(kindOf(post), post.platform);
      return "retried";
    }
    await posts.markSent(post.id, attempts, this.now(), postedId);
    logger.info(log, "thread post sent");
    this.options.observer?.sent(kindOf(post), post.platform);
    return "sent";
  }

  /** The id of the post an earlier, cut-off attempt made, if the platform shows it; a failed look-up is null. */
  private async findPosted(
    threads: ChannelThreads,
    post: ClaimedChannelPost,
    anchor: string | null,
    since: Date,
  ): Promise<string | null> {
    if (!threads.findPosted) return null;
    try {
      return await threads.findPosted(post.address, anchor, post.id, since);
    } catch {
      this.options.logger.warn(
        { channelPostId: post.id, platform: post.platform },
        "could not check whether an interrupted post arrived; posting again",
      );
      return null;
    }
  }

  private async fail(post: ClaimedChannelPost, attempts: number, error: string): Promise<"failed"> {
    await this.options.posts.markFailed(post.id, attempts, error);
    this.options.logger.error(
      { channelPostId: post.id, platform: post.platform, attempts },
      "thread post cannot be delivered",
    );
    this.options.observer?.failed(kindOf(post), post.platform);
    return "failed";
  }
}

function kindOf(post: ClaimedChannelPost): string {
  return post.startsThread ? "thread.start" : "thread.reply";
}
