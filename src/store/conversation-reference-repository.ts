// Teams conversation references, one per person: where a proactive message to them goes.
import type { Store } from "./database.js";
import type { Prisma } from "./generated/client.js";

export class PrismaConversationReferences {
  constructor(private readonly store: Store) {}

  async save(contactId: string, reference: object): Promise<void> {
    const value = reference as Prisma.InputJsonValue;
    await this.store.conversationReference.upsert({
      where: { contactId },
      create: { contactId, reference: value },
      update: { reference: value },
    });
  }

  async find(contactId: string): Promise<object | null> {
    const row = await this.store.conversationReference.findUnique({ where: { contactId } });
    return (row?.reference as object | undefined) ?? null;
  }
}
