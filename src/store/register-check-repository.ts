// The register's checks over Prisma; entries, audit and outbox go through the register's and the
// workflow's repositories, inside the same transaction.

import type { OutboxEntry } from "../core/outbox.js";
import {
  AlreadyAsked,
  type CheckChanges,
  type CheckState,
  type DueContact,
  OPEN_CHECK_STATES,
  type RegisterCheck,
  type RegisterCheckRepository,
} from "../core/register/checks-model.js";
import type { AuditEntry, Contact, ContactFields } from "../core/register/model.js";
import { Prisma } from "./generated/client.js";
import { contactInclude, PrismaRegisterRepository, toContact } from "./register-repository.js";
import { type Client, inTransaction } from "./transaction.js";
import { PrismaWorkflowRepository } from "./workflow-repository.js";

export class PrismaRegisterCheckRepository implements RegisterCheckRepository {
  private readonly register: PrismaRegisterRepository;
  private readonly workflow: PrismaWorkflowRepository;

  constructor(private readonly client: Client) {
    this.register = new PrismaRegisterRepository(client);
    this.workflow = new PrismaWorkflowRepository(client);
  }

  transaction<T>(work: (repository: RegisterCheckRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as RegisterCheckRepository,
      (tx) => new PrismaRegisterCheckRepository(tx),
      work,
    );
  }

  async dueForCheck(before: Date): Promise<DueContact[]> {
    const rows = await this.client.contact.findMany({
      where: {
        retiredAt: null,
        memberships: { some: { role: "SPOC" } },
        OR: [{ verifiedAt: { lt: before } }, { verifiedAt: null, createdAt: { lt: before } }],
      },
      include: { ...contactInclude },
      orderBy: [{ verifiedAt: "asc" }, { createdAt: "asc" }],
    });
    if (rows.length === 0) return [];
    const open = await this.client.registerCheck.findMany({
      where: { contactId: { in: rows.map((row) => row.id) }, state: { in: [...OPEN_CHECK_STATES] } },
      select: { contactId: true },
    });
    const waiting = new Set(open.map((check) => check.contactId));
    return rows
      .filter((row) => !waiting.has(row.id))
      .map((row) => ({ contact: toContact(row), basisAt: row.verifiedAt ?? row.createdAt }));
  }

  async openCheck(check: Pick<RegisterCheck, "contactId" | "basisAt" | "askedAt">): Promise<RegisterCheck> {
    // Look first: on PostgreSQL a failed insert aborts the whole transaction, so the duplicate-key
    // error is only the fallback for two writers racing on the same period.
    const where = { contactId_basisAt: { contactId: check.contactId, basisAt: check.basisAt } };
    if (await this.client.registerCheck.findUnique({ where, select: { id: true } })) throw new AlreadyAsked();
    try {
      return await this.client.registerCheck.create({ data: check });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        throw new AlreadyAsked();
      throw error;
    }
  }

  findCheck(id: string): Promise<RegisterCheck | null> {
    return this.client.registerCheck.findUnique({ where: { id } });
  }

  openChecks(): Promise<RegisterCheck[]> {
    return this.client.registerCheck.findMany({
      where: { state: { in: [...OPEN_CHECK_STATES] } },
      orderBy: { askedAt: "asc" },
    });
  }

  async updateCheck(id: string, from: CheckState, changes: CheckChanges): Promise<RegisterCheck | null> {
    // Conditional, so of two answers (or two runs) racing, exactly one changes the check.
    const { count } = await this.client.registerCheck.updateMany({
      where: {
        id,
        state: from,
        ...(changes.remindedAt ? { remindedAt: null } : {}),
        ...(changes.escalatedAt ? { escalatedAt: null } : {}),
      },
      data: changes,
    });
    return count === 1 ? this.findCheck(id) : null;
  }

  findContactById(id: string): Promise<Contact | null> {
    return this.register.findContactById(id);
  }

  findContactByEmail(email: string): Promise<Contact | null> {
    return this.register.findContactByEmail(email);
  }

  createContact(fields: ContactFields): Promise<Contact> {
    return this.register.createContact(fields);
  }

  updateContact(id: string, fields: ContactFields): Promise<Contact> {
    return this.register.updateContact(id, fields);
  }

  setRetired(id: string, retiredAt: Date | null): Promise<Contact> {
    return this.register.setRetired(id, retiredAt);
  }

  setVerified(id: string, verifiedAt: Date): Promise<Contact> {
    return this.register.setVerified(id, verifiedAt);
  }

  contactsWithRole(areaId: string, role: "COORDINATOR"): Promise<Contact[]> {
    return this.workflow.contactsWithRole(areaId, role);
  }

  recordAudit(entry: AuditEntry): Promise<void> {
    return this.register.recordAudit(entry);
  }

  enqueue(entries: OutboxEntry[]): Promise<void> {
    return this.workflow.enqueue(entries);
  }
}
