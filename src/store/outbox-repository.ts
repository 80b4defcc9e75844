// The outbox over Prisma: use cases write messages in their own transaction; senders claim the due
// ones, deliver them and record how it went.
import type { Recipient } from "../chat/platform.js";
import type { OutboxEntry } from "../core/outbox.js";
import type { Store } from "./database.js";
import { dialectOf } from "./dialect.js";
import { Prisma } from "./generated/client.js";

// How long a claim holds: a sender that crashes mid-batch loses its claims after this, and the
// messages go to the next pass. The sender only starts a send with a good part of it left.
const CLAIM_LEASE_MS = 2 * 60_000;
const MAX_ERROR_LENGTH = 1000;

/** Writes each entry once: an entry whose key is already in the outbox is the same message, skipped. */
export async function enqueueOutbox(
  tx: Prisma.TransactionClient | Store,
  entries: OutboxEntry[],
): Promise<void> {
  for (const entry of entries) {
    // Look first: on PostgreSQL a failed insert aborts the caller's whole transaction, so the
    // duplicate-key error is only the fallback for two writers racing on the same key.
    const existing = await tx.outboxMessage.findUnique({ where: { key: entry.key }, select: { id: true } });
    if (existing) continue;
    try {
      await tx.outboxMessage.create({
        data: {
          key: entry.key,
          recipientId: entry.recipientId,
          kind: entry.kind,
          payload: entry.payload as Prisma.InputJsonObject,
        },
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A message one sender has claimed: no other sender takes it until `claimedUntil`. */
export interface ClaimedOutboxMessage {
  id: string;
  kind: string;
  payload: unknown;
  /** Attempts made before this one. */
  attempts: number;
  claimedUntil: Date;
  /**
   * When an earlier attempt began sending without learning that it arrived (its sender was killed,
   * or the platform gave no clear answer): the person may have it already. Null otherwise.
   */
  unconfirmedSendSince: Date | null;
  recipient: Recipient;
  /** Retired register entries have left their role: they must not be sent the LDG's business. */
  recipientRetired: boolean;
}

const recipientColumns = {
  id: true,
  name: true,
  email: true,
  slackUserId: true,
  teamsUserId: true,
  preferredPlatform: true,
  emailBouncedAt: true,
  digestByEmail: true,
  retiredAt: true,
} as const;

type DueRow = Prisma.OutboxMessageGetPayload<{ include: { recipient: { select: typeof recipientColumns } } }>;

function toClaimed(row: DueRow, claimedUntil: Date): ClaimedOutboxMessage {
  const { recipient } = row;
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    attempts: row.attempts,
    claimedUntil,
    unconfirmedSendSince: row.sendingSince,
    recipient: {
      contactId: recipient.id,
      name: recipient.name,
      email: recipient.email,
      slackUserId: recipient.slackUserId,
      teamsUserId: recipient.teamsUserId,
      preferredPlatform: recipient.preferredPlatform,
      emailBouncedAt: recipient.emailBouncedAt,
      digestByEmail: recipient.digestByEmail,
    },
    recipientRetired: recipient.retiredAt !== null,
  };
}

export class PrismaOutboxStore {
  constructor(private readonly store: Store) {}

  /** Claims up to `limit` pending messages due at `now`, oldest first, with their recipients. */
  async claimDue(now: Date, limit: number): Promise<ClaimedOutboxMessage[]> {
    const claimedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
    return dialectOf(this.store) === "postgresql"
      ? this.claimSkippingLocked(now, limit, claimedUntil)
      : this.claimIfUnchanged(now, limit, claimedUntil);
  }

  /**
   * PostgreSQL: one statement locks the oldest due rows that no other sender has locked and moves
   * them past the lease. Senders running together each take different messages instead of racing
   * for the same ones, and a row claimed meanwhile is re-checked under its lock and left out.
   */
  private async claimSkippingLocked(now: Date, limit: number, claimedUntil: Date) {
    const claimed = await this.store.$queryRaw<{ id: string }[]>`
      UPDATE "OutboxMessage" SET "nextAttemptAt" = ${claimedUntil}
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "state" = 'PENDING' AND "nextAttemptAt" <= ${now}
        ORDER BY "createdAt", "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id"`;
    if (claimed.length === 0) return [];
    const rows = await this.store.outboxMessage.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { recipient: { select: recipientColumns } },
    });
    return rows.map((row) => toClaimed(row, claimedUntil));
  }

  /**
   * SQLite (one writer at a time): read the due rows, then claim each with an update that only
   * matches the row as it was read.
   */
  private async claimIfUnchanged(now: Date, limit: number, claimedUntil: Date) {
    const due = await this.store.outboxMessage.findMany({
      where: { state: "PENDING", nextAttemptAt: { lte: now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      include: { recipient: { select: recipientColumns } },
    });
    // Each claim is a conditional update that only matches the row as it was read, so of two
    // senders that read it, exactly one wins; one transaction commits the batch's claims together.
    const updates = await this.store.$transaction(
      due.map((row) =>
        this.store.outboxMessage.updateMany({
          where: { id: row.id, state: "PENDING", nextAttemptAt: row.nextAttemptAt },
          data: { nextAttemptAt: claimedUntil },
        }),
      ),
    );
    return due.filter((_, index) => updates[index]?.count === 1).map((row) => toClaimed(row, claimedUntil));
  }

  /**
   * Notes that an attempt is about to send. Only being sent or given up clears the note: a retried
   * attempt may have reached the person before it failed (a timeout), so the next one looks first.
   */
  async markSending(id: string, at: Date): Promise<void> {
    await this.store.outboxMessage.updateMany({
      where: { id, state: "PENDING", sendingSince: null },
      data: { sendingSince: at },
    });
  }

  // The outcomes only change a message still pending, so a late sender never undoes another's result.

  async markSent(id: string, attempts: number, at: Date): Promise<void> {
    await this.store.outboxMessage.updateMany({
      where: { id, state: "PENDING" },
      data: { state: "SENT", attempts, sentAt: at, lastError: null, sendingSince: null },
    });
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.store.outboxMessage.updateMany({
      where: { id, state: "PENDING" },
      data: { attempts, nextAttemptAt, lastError: clip(error) },
    });
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.store.outboxMessage.updateMany({
      where: { id, state: "PENDING" },
      data: { state: "FAILED", attempts, lastError: clip(error), sendingSince: null },
    });
  }

  /**
   * Tells the coordinators of each of the contact's areas that a platform refused the contact's
   * messages: their name and organisation only. Keyed by platform, contact and coordinator, so each
   * coordinator hears of it once however many messages bounce.
   */
  async tellCoordinatorsUnreachable(contactId: string, platforms: string[]): Promise<void> {
    const contact = await this.store.contact.findUnique({
      where: { id: contactId },
      select: {
        name: true,
        organisation: { select: { name: true } },
        memberships: { select: { areaId: true } },
      },
    });
    if (!contact) return;
    const coordinators = await this.store.membership.findMany({
      where: {
        areaId: { in: contact.memberships.map((membership) => membership.areaId) },
        role: "COORDINATOR",
        contactId: { not: contactId },
        contact: { retiredAt: null },
      },
      select: { contactId: true },
    });
    const coordinatorIds = [...new Set(coordinators.map((coordinator) => coordinator.contactId))];
    await enqueueOutbox(
      this.store,
      platforms.flatMap((platform) =>
        coordinatorIds.map((coordinatorId) => ({
          key: `contact.unreachable:${platform}:${contactId}:${coordinatorId}`,
          recipientId: coordinatorId,
          kind: "contact.unreachable" as const,
          payload: { contactName: contact.name, organisationName: contact.organisation.name, platform },
        })),
      ),
    );
  }

  /** Messages still to deliver, claimed or not. */
  async depth(): Promise<number> {
    return this.store.outboxMessage.count({ where: { state: "PENDING" } });
  }
}

function clip(error: string): string {
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
}
