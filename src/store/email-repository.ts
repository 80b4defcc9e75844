// The email channel's rows over Prisma: issued links (single-use by a conditional update) and bounces.
import type { Intent } from "../chat/message.js";
import type { EmailLinkStore, IssuedLink } from "../email/link-store.js";
import { writeAudit } from "./audit.js";
import type { Store } from "./database.js";

const MAX_REASON_LENGTH = 500;
// Queries queue on SQLite's one connection, so a transaction may wait its turn (see transaction.ts).
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 60_000 };

export class PrismaEmailLinkStore implements EmailLinkStore {
  constructor(private readonly store: Store) {}

  async issue(links: Omit<IssuedLink, "usedAt">[]): Promise<void> {
    if (links.length === 0) return;
    await this.store.$transaction(links.map((link) => this.store.emailLink.create({ data: link })));
  }

  async find(id: string): Promise<IssuedLink | null> {
    const row = await this.store.emailLink.findUnique({ where: { id } });
    return row ? { ...row, intent: row.intent as Intent } : null;
  }

  async claim(id: string, at: Date): Promise<boolean> {
    const claimed = await this.store.emailLink.updateMany({
      where: { id, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    return claimed.count === 1;
  }

  async release(id: string): Promise<void> {
    await this.store.emailLink.update({ where: { id }, data: { usedAt: null } });
  }

  async recordBounce(contactId: string, reason: string, at: Date): Promise<void> {
    const clipped = reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
    await this.store.$transaction(async (tx) => {
      await tx.contact.update({
        where: { id: contactId },
        data: { emailBouncedAt: at, emailBounceReason: clipped },
      });
      // The audit says that it bounced, not the server's words, which can quote the address.
      await writeAudit(tx, {
        actorId: null,
        actorLabel: "email",
        verb: "contact.email_bounced",
        entityType: "Contact",
        entityId: contactId,
        before: null,
        after: { emailBouncedAt: at.toISOString() },
      });
    }, TRANSACTION_LIMITS);
  }
}
