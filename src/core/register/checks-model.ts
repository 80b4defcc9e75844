// The register's checks as the core sees them: one "are you still the contact?" question to one
// SPOC, what they answered, and the storage the use cases need.
import type { OutboxEntry } from "../outbox.js";
import type { AuditEntry, Contact, ContactFields } from "./model.js";

export type CheckState = "ASKED" | "HANDOVER" | "CONFIRMED" | "UPDATED" | "HANDED_OVER" | "HANDOVER_REFUSED";

/** States in which a check still waits for someone: the SPOC, or the successor they named. */
export const OPEN_CHECK_STATES = ["ASKED", "HANDOVER"] as const satisfies readonly CheckState[];

/** The contact was already asked for this period: the transaction that tried is rolled back. */
export class AlreadyAsked extends Error {}

export interface RegisterCheck {
  id: string;
  contactId: string;
  /** The entry's last verification (or creation) when asked: one check per contact per period. */
  basisAt: Date;
  askedAt: Date;
  state: CheckState;
  answeredAt: Date | null;
  /** When the SPOC was reminded (once). */
  remindedAt: Date | null;
  escalatedAt: Date | null;
  successorId: string | null;
  /** The handover added the successor to the register, so a refusal retires that entry again. */
  successorAdded: boolean;
  closedAt: Date | null;
}

export type CheckChanges = Partial<
  Pick<
    RegisterCheck,
    "state" | "answeredAt" | "remindedAt" | "escalatedAt" | "successorId" | "successorAdded" | "closedAt"
  >
>;

/** An active SPOC whose entry is older than the period, with the moment it was last vouched for. */
export interface DueContact {
  contact: Contact;
  basisAt: Date;
}

export interface RegisterCheckRepository {
  transaction<T>(work: (repository: RegisterCheckRepository) => Promise<T>): Promise<T>;
  /** Active SPOCs last verified (or, never verified, created) before `before`, with no open check. */
  dueForCheck(before: Date): Promise<DueContact[]>;
  /** Opens a check; throws AlreadyAsked when this contact was asked for this period (a second run, a replica). */
  openCheck(check: Pick<RegisterCheck, "contactId" | "basisAt" | "askedAt">): Promise<RegisterCheck>;
  findCheck(id: string): Promise<RegisterCheck | null>;
  /** Checks still waiting for an answer, oldest first. */
  openChecks(): Promise<RegisterCheck[]>;
  /** Changes a check only while it is still in `from`; null when someone else changed it first. */
  updateCheck(id: string, from: CheckState, changes: CheckChanges): Promise<RegisterCheck | null>;
  findContactById(id: string): Promise<Contact | null>;
  findContactByEmail(email: string): Promise<Contact | null>;
  createContact(fields: ContactFields): Promise<Contact>;
  updateContact(id: string, fields: ContactFields): Promise<Contact>;
  setRetired(id: string, retiredAt: Date | null): Promise<Contact>;
  setVerified(id: string, verifiedAt: Date): Promise<Contact>;
  contactsWithRole(areaId: string, role: "COORDINATOR"): Promise<Contact[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
}
