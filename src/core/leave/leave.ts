// Leave: `away until <date>` and `back`. While someone is away their chases and new actions go to
// their deputy; with no deputy to cover, their areas' coordinators are told, and get the chases.
import type { Actor } from "../actor.js";
import { InvalidInput } from "../errors.js";
import type { OutboxEntry } from "../outbox.js";
import type { AuditEntry, Contact } from "../register/model.js";
import { calendarDayInZone, LDG_TIME_ZONE, parseDueDate, ukDay } from "../time/due-date.js";
import { isAwayOn } from "./away.js";

export interface LeaveRepository {
  transaction<T>(work: (repository: LeaveRepository) => Promise<T>): Promise<T>;
  findContact(id: string): Promise<Contact | null>;
  setAwayUntil(contactId: string, day: string | null): Promise<void>;
  /** Active coordinators of these areas. */
  coordinatorIds(areaIds: string[]): Promise<string[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
}

export interface LeaveResult {
  awayUntil: string | null;
  /** Who covers meanwhile: the deputy's name, or null when the coordinators do. */
  coveredBy: string | null;
}

export class Leave {
  constructor(
    private readonly repository: LeaveRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  /** `text` is the day they are back, typed as people do: "Monday", "7/12", "in 2 weeks". */
  async away(actor: Actor, text: string): Promise<LeaveResult> {
    const me = await this.me(actor);
    const wanted = text.trim().replace(/^until\s+/i, "");
    const parsed = parseDueDate(wanted, this.now(), this.timeZone);
    if (!parsed.ok) throw new InvalidInput([parsed.message.replace("A due date", "The day you are back")]);
    const today = calendarDayInZone(this.now(), this.timeZone);
    if (parsed.date <= today) {
      throw new InvalidInput([
        `${ukDay(parsed.date)} is today or earlier: give the day you are back, for example "away until Monday".`,
      ]);
    }
    const deputy = me.deputy ? await this.repository.findContact(me.deputy.id) : null;
    const deputyCovers = deputy !== null && deputy.retiredAt === null && !isAwayOn(deputy, today);
    return this.repository.transaction(async (repository) => {
      await repository.setAwayUntil(me.id, parsed.date);
      await repository.recordAudit(this.audit(actor, me, "contact.away", parsed.date));
      if (!deputyCovers) {
        const areaIds = [...new Set(me.memberships.map((membership) => membership.area.id))];
        const areaNames = [...new Set(me.memberships.map((membership) => membership.area.name))].join(", ");
        const coordinators = (await repository.coordinatorIds(areaIds)).filter((id) => id !== me.id);
        await repository.enqueue(
          coordinators.map((recipientId) => ({
            key: `leave.uncovered:${me.id}:${parsed.date}:${recipientId}`,
            recipientId,
            kind: "leave.uncovered" as const,
            payload: {
              name: me.name,
              organisationName: me.organisation.name,
              areaName: areaNames,
              awayUntil: parsed.date,
            },
          })),
        );
      }
      return { awayUntil: parsed.date, coveredBy: deputyCovers ? (deputy?.name ?? null) : null };
    });
  }

  async back(actor: Actor): Promise<LeaveResult> {
    const me = await this.me(actor);
    if (me.awayUntil === null) return { awayUntil: null, coveredBy: null };
    return this.repository.transaction(async (repository) => {
      await repository.setAwayUntil(me.id, null);
      await repository.recordAudit(this.audit(actor, me, "contact.back", null));
      return { awayUntil: null, coveredBy: null };
    });
  }

  private async me(actor: Actor): Promise<Contact> {
    const me = actor.contactId ? await this.repository.findContact(actor.contactId) : null;
    if (!me) throw new InvalidInput(["Only people in the register can set their leave."]);
    return me;
  }

  private audit(actor: Actor, me: Contact, verb: string, awayUntil: string | null): AuditEntry {
    return {
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb,
      entityType: "Contact",
      entityId: me.id,
      before: { awayUntil: me.awayUntil },
      after: { awayUntil },
    };
  }
}
