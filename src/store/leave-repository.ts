// Leave over Prisma: a contact's awayUntil, with its audit and messages in one transaction.
import type { LeaveRepository } from "../core/leave/leave.js";
import type { OutboxEntry } from "../core/outbox.js";
import type { AuditEntry, Contact } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { dayToDate } from "./calendar-day.js";
import { enqueueOutbox } from "./outbox-repository.js";
import { contactInclude, toContact } from "./register-repository.js";
import { type Client, inTransaction } from "./transaction.js";

export class PrismaLeaveRepository implements LeaveRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: LeaveRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.client, this as LeaveRepository, (tx) => new PrismaLeaveRepository(tx), work);
  }

  async findContact(id: string): Promise<Contact | null> {
    const row = await this.client.contact.findUnique({ where: { id }, include: contactInclude });
    return row ? toContact(row) : null;
  }

  async setAwayUntil(contactId: string, day: string | null): Promise<void> {
    await this.client.contact.update({
      where: { id: contactId },
      data: { awayUntil: day === null ? null : dayToDate(day) },
    });
  }

  async coordinatorIds(areaIds: string[]): Promise<string[]> {
    const rows = await this.client.membership.findMany({
      where: { areaId: { in: areaIds }, role: "COORDINATOR", contact: { retiredAt: null } },
      select: { contactId: true },
      distinct: ["contactId"],
      orderBy: { contactId: "asc" },
    });
    return rows.map((row) => row.contactId);
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }

  async enqueue(entries: OutboxEntry[]): Promise<void> {
    await enqueueOutbox(this.client, entries);
  }
}
