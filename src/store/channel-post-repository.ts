// The outbox of posts for problems' threads in their areas' LDG channels. Use cases write them in
// their own transaction (addressed here); the thread sender claims the due ones, posts them and
// records the thread's anchor with the first post's outcome.
import type { ThreadPost } from "../core/intake/thread-news.js";
import type { Store } from "./database.js";
import { Prisma } from "./generated/client.js";
import type { Client } from "./transaction.js";

// As the outbox: a claim holds two minutes, and a crashed sender's claims pass to the next pass.
const CLAIM_LEASE_MS = 2 * 60_000;
const MAX_ERROR_LENGTH = 1000;

/**
 * Writes the post once (its key), addressed to where it goes: a thread's first post to the area's
 * LDG channel, if it has one now; a reply to the channel the problem's thread started in, if it
 * did. Anything else is not written: the area takes in its problems privately.
 */
export async function enqueueThreadPost(client: Client, post: ThreadPost): Promise<void> {
  const target = post.startsThread
    ? await client.areaLdgChannel.findUnique({ where: { areaId: post.areaId } })
    : await client.channelPost.findFirst({ where: { problemRef: post.problemRef, startsThread: true } });
  if (!target) return;
  if (await client.channelPost.findUnique({ where: { key: post.key }, select: { id: true } })) return;
  try {
    await client.channelPost.create({
      data: {
        key: post.key,
        problemRef: post.problemRef,
        platform: target.platform,
        address: target.address as Prisma.InputJsonValue,
        startsThread: post.startsThread,
        payload: post.payload as unknown as Prisma.InputJsonObject,
      },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}

export interface ClaimedChannelPost {
  id: string;
  problemRef: string;
  platform: string;
  address: Record<string, unknown>;
  startsThread: boolean;
  payload: unknown;
  attempts: number;
  claimedUntil: Date;
  /** When an earlier attempt began posting without learning that it arrived; null otherwise. */
  unconfirmedSendSince: Date | null;
}

/** Where the problem's thread stands: its first post's state, and its anchor once posted. */
export type ThreadAnchor =
  | { state: "posted"; postedId: string }
  | { state: "pending" }
  | { state: "failed" }
  | { state: "none" };

export class PrismaChannelPosts {
  constructor(private readonly store: Store) {}

  /**
   * Claims up to `limit` due posts, oldest first. Each claim only matches the row as it was read,
   * so of two senders that read it exactly one wins (on SQLite and PostgreSQL alike).
   */
  async claimDue(now: Date, limit: number): Promise<ClaimedChannelPost[]> {
    const claimedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
    const due = await this.store.channelPost.findMany({
      where: { state: "PENDING", nextAttemptAt: { lte: now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    const claimed: ClaimedChannelPost[] = [];
    for (const row of due) {
      const { count } = await this.store.channelPost.updateMany({
        where: { id: row.id, state: "PENDING", nextAttemptAt: row.nextAttemptAt },
        data: { nextAttemptAt: claimedUntil },
      });
      if (count !== 1) continue;
      claimed.push({
        id: row.id,
        problemRef: row.problemRef,
        platform: row.platform,
        address: row.address as Record<string, unknown>,
        startsThread: row.startsThread,
        payload: row.payload,
        attempts: row.attempts,
        claimedUntil,
        unconfirmedSendSince: row.sendingSince,
      });
    }
    return claimed;
  }

  async anchorOf(problemRef: string): Promise<ThreadAnchor> {
    const start = await this.store.channelPost.findFirst({
      where: { problemRef, startsThread: true },
      select: { state: true, postedId: true },
    });
    if (!start) return { state: "none" };
    if (start.state === "FAILED") return { state: "failed" };
    return start.postedId ? { state: "posted", postedId: start.postedId } : { state: "pending" };
  }

  /** Notes that an attempt is about to post; only being sent or given up clears it (as the outbox). */
  async markSending(id: string, at: Date): Promise<void> {
    await this.store.channelPost.updateMany({
      where: { id, state: "PENDING", sendingSince: null },
      data: { sendingSince: at },
    });
  }

  // The outcomes only change a post still pending, so a late sender never undoes another's result.

  /** Sent; a thread's first post keeps the anchor its replies go under. */
  async markSent(id: string, attempts: number, at: Date, postedId: string | null): Promise<void> {
    await this.store.channelPost.updateMany({
      where: { id, state: "PENDING" },
      data: { state: "SENT", attempts, sentAt: at, lastError: null, postedId, sendingSince: null },
    });
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.store.channelPost.updateMany({
      where: { id, state: "PENDING" },
      data: { attempts, nextAttemptAt, lastError: clip(error) },
    });
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.store.channelPost.updateMany({
      where: { id, state: "PENDING" },
      data: { state: "FAILED", attempts, lastError: clip(error), sendingSince: null },
    });
  }
}

function clip(error: string): string {
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
}
