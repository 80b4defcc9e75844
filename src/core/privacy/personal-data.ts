// A person's right of access (UK GDPR article 15): everything the bot holds about one register
// entry, as one document. Only an admin, or the person themself, may have it; each export is
// audited. Problems appear by reference and headline: their personal details are about other people.
import type { Actor } from "../actor.js";
import { AccessDenied, InvalidInput } from "../errors.js";
import type { AuditEntry } from "../register/model.js";

type Row = Record<string, unknown>;

/** The sections of the document, each a list of plain records (dates as ISO strings). */
export interface PersonalData {
  registerEntry: Row;
  /** Entries this person deputises for. */
  deputyFor: Row[];
  problemsRaised: Row[];
  problemsAsPartnerContact: Row[];
  actionsAssigned: Row[];
  actionsCreated: Row[];
  actionUpdatesWritten: Row[];
  meetingInvitations: Row[];
  activities: Row[];
  boardAnswers: Row[];
  messages: Row[];
  chaseSteps: Row[];
  /** The register's "are you still the contact?" questions to this person, or naming them as successor. */
  registerChecks: Row[];
  teamsConversation: Row | null;
  auditEntries: { byThisPerson: Row[]; aboutThisPerson: Row[] };
}

export interface PersonalDataRepository {
  findContactId(email: string): Promise<string | null>;
  personalData(contactId: string): Promise<PersonalData>;
  recordAudit(entry: AuditEntry): Promise<void>;
}

export interface PersonalDataExport extends PersonalData {
  subject: string;
  exportedAt: string;
  notes: string[];
}

const NOTES = [
  "Problems are listed by reference and headline: the personal details a problem holds are about other people, and are withheld here.",
  "Audit entries about this person include changes to their register entry and the links of their chat accounts.",
];

export class PersonalDataExports {
  constructor(
    private readonly repository: PersonalDataRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async export(actor: Actor, email: string): Promise<PersonalDataExport> {
    const wanted = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(wanted)) throw new InvalidInput([`"${email}" is not an email address`]);
    const contactId = await this.repository.findContactId(wanted);
    // The same refusal whether or not the person is in the register: nobody learns who is by asking.
    if (!actor.isAdmin && (contactId === null || contactId !== actor.contactId)) {
      throw new AccessDenied(
        "Only an admin, or the person themself, can export what the bot holds about someone.",
      );
    }
    if (contactId === null) throw new InvalidInput([`${wanted} is not in the register`]);
    const data = await this.repository.personalData(contactId);
    await this.repository.recordAudit({
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb: "export.personal-data",
      entityType: "Contact",
      entityId: contactId,
      before: null,
      after: null,
    });
    return { subject: wanted, exportedAt: this.now().toISOString(), notes: NOTES, ...data };
  }
}
