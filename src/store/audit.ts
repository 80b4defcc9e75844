// Writes one audit event. Called with the transaction's client, so it commits or rolls back with the change.
import type { AuditEntry } from "../core/register/model.js";
import type { Store } from "./database.js";
import type { Prisma } from "./generated/client.js";

export async function writeAudit(client: Store | Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      verb: entry.verb,
      entityType: entry.entityType,
      entityId: entry.entityId,
      ...(entry.before === null || entry.before === undefined
        ? {}
        : { before: entry.before as Prisma.InputJsonValue }),
      ...(entry.after === null || entry.after === undefined
        ? {}
        : { after: entry.after as Prisma.InputJsonValue }),
    },
  });
}
