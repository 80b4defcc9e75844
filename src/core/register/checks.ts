// A register that keeps itself current. Every SPOC whose entry has not been verified for the
// configured period (six months by default) is asked, on their own channel, whether they are still
// the contact: Confirm, Update details, or Hand over to a successor, who is asked to confirm in turn.
// Unanswered after five working days it is asked once more; after ten it goes to the area's
// coordinators, once. Every answer is checked (only the person asked may give it), written with its
// audit event and its messages in one transaction, and a wrong answer is a friendly message with
// nothing written.

import { z } from "zod";
import type { ChatForm, FormValues } from "../../chat/form.js";
import type { ChatMessage } from "../../chat/message.js";
import type { Actor } from "../actor.js";
import { AccessDenied, InvalidInput, NotFound } from "../errors.js";
import { detailsForm, handoverForm } from "../interactions/forms.js";
import type { OutboxEntry } from "../outbox.js";
import { calendarDayInZone, LDG_TIME_ZONE } from "../time/due-date.js";
import { addWorkingDays, isWorkingDay } from "../time/working-days.js";
import { parseInput } from "../validation.js";
import {
  areaList,
  type CheckQuestion,
  checkQuestionMessage,
  type HandoverOutcome,
  handoverInvitationMessage,
  type UnansweredCheck,
} from "./check-messages.js";
import {
  AlreadyAsked,
  type CheckState,
  type RegisterCheck,
  type RegisterCheckRepository,
} from "./checks-model.js";
import { contactInputSchema } from "./contact-input.js";
import type { Area, Contact, ContactFields } from "./model.js";
import { contactSnapshot, fieldsOf, monthsBefore, VERIFY_EVERY_MONTHS } from "./register.js";

/** A question not answered within this many working days goes to the area's coordinators. */
export const ANSWER_WITHIN_WORKING_DAYS = 10;
/** A question not answered within this many working days is asked once more. */
export const REMIND_AFTER_WORKING_DAYS = 5;

const SYSTEM = { actorId: null, actorLabel: "ldg-bot register checks" } as const;

const detailsSchema = contactInputSchema.pick({ name: true, email: true, phone: true, deputyEmail: true });

const handoverSchema = z.object({
  successorName: contactInputSchema.shape.name,
  successorEmail: contactInputSchema.shape.email,
  successorPhone: contactInputSchema.shape.phone,
});

export interface CheckSettings {
  everyMonths: number;
  answerWithinWorkingDays: number;
}

export interface CheckRunCounts {
  [count: string]: number | string;
}

function spocAreas(contact: Contact): Area[] {
  return contact.memberships.filter((membership) => membership.role === "SPOC").map((m) => m.area);
}

const text = (value: FormValues[string]): string | undefined =>
  typeof value === "string" ? value : undefined;

/** What the person is told when a check is no longer theirs to answer. */
const ANSWERED: Record<Exclude<CheckState, "ASKED">, string> = {
  HANDOVER: "You have already handed over; the register changes when your successor confirms.",
  CONFIRMED: "This check has already been answered: the entry was confirmed.",
  UPDATED: "This check has already been answered: the details were updated.",
  HANDED_OVER: "This check has already been answered: the entry was handed over.",
  HANDOVER_REFUSED: "This handover was refused, and the coordinator has been told.",
};

export class RegisterChecks {
  private readonly settings: CheckSettings;

  constructor(
    private readonly repository: RegisterCheckRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly timeZone = LDG_TIME_ZONE,
    settings: Partial<CheckSettings> = {},
  ) {
    this.settings = {
      everyMonths: settings.everyMonths ?? VERIFY_EVERY_MONTHS,
      answerWithinWorkingDays: settings.answerWithinWorkingDays ?? ANSWER_WITHIN_WORKING_DAYS,
    };
  }

  /** The daily job: asks the SPOCs whose entries are due, then tells coordinators of unanswered checks. */
  async run(slotKey: string, now: Date): Promise<CheckRunCounts> {
    const today = calendarDayInZone(now, this.timeZone);
    if (!isWorkingDay(today)) return { asked: 0, escalated: 0, skipped: "not a working day" };
    const verifiedElsewhere = await this.closeVerifiedElsewhere(now);
    const asked = await this.askDue(now);
    const reminded = await this.remindUnanswered(now, today);
    const escalated = await this.escalateUnanswered(slotKey, now, today);
    return { asked, verifiedElsewhere, reminded, ...escalated };
  }

  /**
   * Closes the questions whose entries were verified since they were asked, another way (a
   * coordinator's check, a register import): nobody is chased for an entry already known right.
   */
  private async closeVerifiedElsewhere(now: Date): Promise<number> {
    let closed = 0;
    for (const check of await this.repository.openChecks()) {
      if (check.state !== "ASKED") continue;
      const contact = await this.repository.findContactById(check.contactId);
      if (!contact?.verifiedAt || contact.verifiedAt <= check.askedAt) continue;
      const verifiedAt = contact.verifiedAt;
      await this.repository.transaction(async (repository) => {
        const changed = await repository.updateCheck(check.id, "ASKED", {
          state: "CONFIRMED",
          answeredAt: verifiedAt,
          closedAt: now,
        });
        if (!changed) return;
        closed += 1;
        await repository.recordAudit({
          ...SYSTEM,
          verb: "register.check.verified-elsewhere",
          entityType: "RegisterCheck",
          entityId: check.id,
          before: { state: check.state },
          after: { state: changed.state, verifiedAt: verifiedAt.toISOString() },
        });
      });
    }
    return closed;
  }

  private async askDue(now: Date): Promise<number> {
    const due = await this.repository.dueForCheck(monthsBefore(now, this.settings.everyMonths));
    let asked = 0;
    for (const { contact, basisAt } of due) {
      try {
        await this.repository.transaction(async (repository) => {
          const check = await repository.openCheck({ contactId: contact.id, basisAt, askedAt: now });
          await repository.recordAudit({
            ...SYSTEM,
            verb: "register.check.asked",
            entityType: "RegisterCheck",
            entityId: check.id,
            before: null,
            after: { contact: contact.email, areas: spocAreas(contact).map((area) => area.code) },
          });
          await repository.enqueue([
            {
              key: `register.check:${check.id}`,
              recipientId: contact.id,
              kind: "register.check",
              payload: { ...this.questionOf(check, contact) },
            },
          ]);
        });
        asked += 1;
      } catch (error) {
        if (!(error instanceof AlreadyAsked)) throw error;
      }
    }
    return asked;
  }

  /** Asks once more, half way to the coordinators, those who have not answered. */
  private async remindUnanswered(now: Date, today: string): Promise<number> {
    let reminded = 0;
    for (const check of await this.repository.openChecks()) {
      if (check.state !== "ASKED" || check.remindedAt || check.escalatedAt) continue;
      const askedOn = calendarDayInZone(check.askedAt, this.timeZone);
      if (addWorkingDays(askedOn, REMIND_AFTER_WORKING_DAYS) > today) continue;
      // Past the coordinators' day, they are told instead.
      if (addWorkingDays(askedOn, this.settings.answerWithinWorkingDays) <= today) continue;
      const contact = await this.repository.findContactById(check.contactId);
      if (!contact || contact.retiredAt) continue;
      await this.repository.transaction(async (repository) => {
        if (!(await repository.updateCheck(check.id, "ASKED", { remindedAt: now }))) return;
        reminded += 1;
        await repository.recordAudit({
          ...SYSTEM,
          verb: "register.check.reminded",
          entityType: "RegisterCheck",
          entityId: check.id,
          before: { remindedAt: null },
          after: { remindedAt: now.toISOString() },
        });
        await repository.enqueue([
          {
            key: `register.check.reminder:${check.id}`,
            recipientId: contact.id,
            kind: "register.check",
            payload: { ...this.questionOf(check, contact), reminder: true },
          },
        ]);
      });
    }
    return reminded;
  }

  /** One message per coordinator listing every check of theirs past its time; each check once. */
  private async escalateUnanswered(slotKey: string, now: Date, today: string) {
    const late: { check: RegisterCheck; item: UnansweredCheck; areas: Area[] }[] = [];
    for (const check of await this.repository.openChecks()) {
      if (check.escalatedAt) continue;
      const waitingSince = calendarDayInZone(check.answeredAt ?? check.askedAt, this.timeZone);
      if (addWorkingDays(waitingSince, this.settings.answerWithinWorkingDays) > today) continue;
      const contact = await this.repository.findContactById(check.contactId);
      if (!contact || contact.retiredAt) continue;
      const successor = check.successorId ? await this.repository.findContactById(check.successorId) : null;
      const areas = spocAreas(contact);
      late.push({
        check,
        areas,
        item: {
          name: contact.name,
          organisationName: contact.organisation.name,
          areaNames: areas.map((area) => area.name),
          askedOn: calendarDayInZone(check.askedAt, this.timeZone),
          ...(check.state === "HANDOVER" && successor ? { successorName: successor.name } : {}),
        },
      });
    }
    if (late.length === 0) return { escalated: 0, coordinatorsTold: 0 };

    return this.repository.transaction(async (repository) => {
      const byCoordinator = new Map<string, UnansweredCheck[]>();
      let escalated = 0;
      for (const { check, item, areas } of late) {
        const marked = await repository.updateCheck(check.id, check.state, { escalatedAt: now });
        if (!marked) continue;
        escalated += 1;
        await repository.recordAudit({
          ...SYSTEM,
          verb: "register.check.escalated",
          entityType: "RegisterCheck",
          entityId: check.id,
          before: { escalatedAt: null },
          after: { escalatedAt: now.toISOString() },
        });
        const coordinators = new Set<string>();
        for (const area of areas) {
          for (const coordinator of await repository.contactsWithRole(area.id, "COORDINATOR")) {
            // A coordinator who is also a SPOC is not told of their own silence.
            if (coordinator.id !== check.contactId) coordinators.add(coordinator.id);
          }
        }
        for (const id of coordinators) byCoordinator.set(id, [...(byCoordinator.get(id) ?? []), item]);
      }
      await repository.enqueue(
        [...byCoordinator].map(([recipientId, checks]) => ({
          key: `register.unanswered:${slotKey}:${recipientId}`,
          recipientId,
          kind: "register.unanswered" as const,
          payload: { checks, workingDays: this.settings.answerWithinWorkingDays },
        })),
      );
      return { escalated, coordinatorsTold: byCoordinator.size };
    });
  }

  /** The question as its SPOC sees it, or the invitation as the successor sees it; nothing changes. */
  async view(actor: Actor, checkId: string): Promise<ChatMessage> {
    const check = await this.find(checkId);
    const contact = await this.contactOf(check);
    if (check.successorId !== null && check.successorId === actor.contactId) {
      return handoverInvitationMessage({
        checkId: check.id,
        fromName: contact.name,
        organisationName: contact.organisation.name,
        areaNames: spocAreas(contact).map((area) => area.name),
      });
    }
    this.assertAsked(actor, check);
    return checkQuestionMessage(this.questionOf(check, contact));
  }

  /** Confirm: the entry is right as it is. */
  async confirm(actor: Actor, checkId: string): Promise<ChatMessage> {
    return this.repository.transaction(async (repository) => {
      const { check, contact } = await this.openFor(repository, actor, checkId);
      const verified = await repository.setVerified(contact.id, this.now());
      await this.close(repository, check, "ASKED", "CONFIRMED", actor);
      await this.auditContact(repository, actor, "contact.verified", contact, verified);
      return checkAnswered(
        `Thank you: the register lists you as the contact for ${verified.organisation.name} in ${areaList(
          spocAreas(verified).map((area) => area.name),
        )}, checked today.`,
      );
    });
  }

  /** The Update details form, filled in with the entry as it is. */
  async detailsForm(actor: Actor, checkId: string): Promise<ChatForm> {
    const check = await this.find(checkId);
    const contact = await this.contactOf(check);
    this.assertAsked(actor, check);
    this.assertOpen(check, "ASKED");
    return detailsForm(
      check.id,
      contact,
      spocAreas(contact).map((area) => area.name),
    );
  }

  /** Update details: the person's own name, email, phone and deputy; saving counts as the check. */
  async updateDetails(actor: Actor, checkId: string, values: FormValues): Promise<ChatMessage> {
    const details = parseInput(detailsSchema, {
      name: text(values.name),
      email: text(values.email),
      phone: text(values.phone),
      deputyEmail: text(values.deputyEmail),
    });
    return this.repository.transaction(async (repository) => {
      const { check, contact } = await this.openFor(repository, actor, checkId);
      if (details.email !== contact.email && (await repository.findContactByEmail(details.email))) {
        throw new InvalidInput([`email: ${details.email} is already used by another entry in the register`]);
      }
      let deputyId: string | null = null;
      if (details.deputyEmail) {
        const deputy = await repository.findContactByEmail(details.deputyEmail);
        if (!deputy) throw new InvalidInput([`deputyEmail: ${details.deputyEmail} is not in the register`]);
        if (deputy.id === contact.id) throw new InvalidInput(["deputyEmail: you cannot be your own deputy"]);
        if (deputy.retiredAt) {
          throw new InvalidInput([`deputyEmail: ${deputy.name} has retired from the register`]);
        }
        deputyId = deputy.id;
      }
      const fields: ContactFields = {
        ...fieldsOf(contact),
        name: details.name,
        email: details.email,
        phone: details.phone ?? null,
        deputyId,
        verifiedAt: this.now(),
      };
      const updated = await repository.updateContact(contact.id, fields);
      await this.close(repository, check, "ASKED", "UPDATED", actor);
      await this.auditContact(repository, actor, "contact.updated", contact, updated);
      return checkAnswered(
        "Thank you: your details are updated, and your entry is checked for another period.",
      );
    });
  }

  /** The Hand over form: who does it now. */
  async handoverForm(actor: Actor, checkId: string): Promise<ChatForm> {
    const check = await this.find(checkId);
    const contact = await this.contactOf(check);
    this.assertAsked(actor, check);
    this.assertOpen(check, "ASKED");
    return handoverForm(
      check.id,
      contact.organisation.name,
      spocAreas(contact).map((area) => area.name),
    );
  }

  /**
   * Hand over: names the successor, found in the register by email or added to it (with no areas
   * until they confirm), and sends them the invitation. The register changes only when they confirm.
   */
  async handOver(actor: Actor, checkId: string, values: FormValues): Promise<ChatMessage> {
    const named = parseInput(handoverSchema, {
      successorName: text(values.successorName),
      successorEmail: text(values.successorEmail),
      successorPhone: text(values.successorPhone),
    });
    return this.repository.transaction(async (repository) => {
      const { check, contact } = await this.openFor(repository, actor, checkId);
      if (named.successorEmail === contact.email) {
        throw new InvalidInput([
          "successorEmail: that is your own address. Name the person who takes over from you, or press Confirm if it is still you.",
        ]);
      }
      let successor = await repository.findContactByEmail(named.successorEmail);
      if (successor?.retiredAt) {
        throw new InvalidInput([
          `successorEmail: ${successor.name} has retired from the register. Name someone else, or ask your LDG coordinator.`,
        ]);
      }
      if (successor && successor.organisation.id !== contact.organisation.id) {
        throw new InvalidInput([
          `successorEmail: ${successor.name} is with ${successor.organisation.name}, not ${contact.organisation.name}. ` +
            "Name someone in your own organisation, or ask your LDG coordinator.",
        ]);
      }
      const added = !successor;
      if (!successor) {
        successor = await repository.createContact({
          ...fieldsOf(contact),
          name: named.successorName,
          email: named.successorEmail,
          phone: named.successorPhone ?? null,
          // The deputy who covered the old contact covers the new one, until they change it.
          deputyId: contact.deputy?.id ?? null,
          memberships: [],
          themes: contact.themes,
          slackUserId: null,
          teamsUserId: null,
          preferredPlatform: null,
          isAdmin: false,
          verifiedAt: null,
        });
        await this.auditContact(repository, actor, "contact.added", null, successor);
      }
      const changed = await repository.updateCheck(check.id, "ASKED", {
        state: "HANDOVER",
        answeredAt: this.now(),
        successorId: successor.id,
        successorAdded: added,
      });
      if (!changed) throw new InvalidInput([ANSWERED.HANDOVER]);
      await this.auditCheck(repository, actor, check, changed);
      await repository.enqueue([
        {
          key: `register.handover:${check.id}:${successor.id}`,
          recipientId: successor.id,
          kind: "register.handover",
          payload: {
            checkId: check.id,
            fromName: contact.name,
            organisationName: contact.organisation.name,
            areaNames: spocAreas(contact).map((area) => area.name),
          },
        },
      ]);
      return checkAnswered(
        `Thank you: ${successor.name} has been asked to confirm. The register changes when they do, ` +
          "and your coordinator hears either way.",
      );
    });
  }

  /**
   * The successor confirms: they become the SPOC in the old contact's areas; the old contact's SPOC
   * memberships there end, and if they hold no other role they retire. Coordinators (and the old
   * contact, if they stay in the register) are told. The audit events keep the history of who held it.
   */
  async acceptHandover(actor: Actor, checkId: string): Promise<ChatMessage> {
    return this.repository.transaction(async (repository) => {
      const { check, contact, successor } = await this.handoverFor(repository, actor, checkId);
      const areas = spocAreas(contact);
      const areaIds = new Set(areas.map((area) => area.id));
      const now = this.now();
      const taken = await repository.updateContact(successor.id, {
        ...fieldsOf(successor),
        memberships: [
          ...fieldsOf(successor).memberships.filter(
            (membership) => !(membership.role === "SPOC" && areaIds.has(membership.areaId)),
          ),
          ...areas.map((area) => ({ areaId: area.id, role: "SPOC" as const })),
        ],
        verifiedAt: now,
      });
      await this.auditContact(repository, actor, "contact.updated", successor, taken);
      const remaining = fieldsOf(contact).memberships.filter((membership) => membership.role !== "SPOC");
      const handedOver = await repository.updateContact(contact.id, {
        ...fieldsOf(contact),
        memberships: remaining,
      });
      const former = remaining.length === 0 ? await repository.setRetired(contact.id, now) : handedOver;
      await this.auditContact(
        repository,
        actor,
        former.retiredAt ? "contact.retired" : "contact.updated",
        contact,
        former,
      );
      await this.close(repository, check, "HANDOVER", "HANDED_OVER", actor);
      await this.tellOutcome(
        repository,
        check,
        {
          outcome: "HANDED_OVER",
          fromName: contact.name,
          toName: taken.name,
          organisationName: contact.organisation.name,
          areaNames: areas.map((area) => area.name),
        },
        areas,
        former,
      );
      return checkAnswered(
        `Thank you: you are now the contact for ${contact.organisation.name} in ${areaList(
          areas.map((area) => area.name),
        )}. The coordinator has been told.`,
      );
    });
  }

  /** The successor says it is not them: the register stays as it was and the coordinator is told. */
  async refuseHandover(actor: Actor, checkId: string): Promise<ChatMessage> {
    return this.repository.transaction(async (repository) => {
      const { check, contact, successor } = await this.handoverFor(repository, actor, checkId);
      await this.close(repository, check, "HANDOVER", "HANDOVER_REFUSED", actor);
      if (check.successorAdded) {
        // Added only for this handover: with no areas and no answer, the entry goes again.
        const retired = await repository.setRetired(successor.id, this.now());
        await this.auditContact(repository, actor, "contact.retired", successor, retired);
      }
      await this.tellOutcome(
        repository,
        check,
        {
          outcome: "HANDOVER_REFUSED",
          fromName: contact.name,
          toName: successor.name,
          organisationName: contact.organisation.name,
          areaNames: spocAreas(contact).map((area) => area.name),
        },
        spocAreas(contact),
        contact,
      );
      return checkAnswered(
        `Thank you for saying so. Nothing has changed, and ${contact.name}'s coordinator has been told.`,
      );
    });
  }

  private async tellOutcome(
    repository: RegisterCheckRepository,
    check: RegisterCheck,
    outcome: HandoverOutcome,
    areas: Area[],
    former: Contact,
  ): Promise<void> {
    // The former contact hears too, unless the handover retired them: nothing reaches a retired entry.
    const recipients = new Set(former.retiredAt ? [] : [former.id]);
    for (const area of areas) {
      for (const coordinator of await repository.contactsWithRole(area.id, "COORDINATOR")) {
        recipients.add(coordinator.id);
      }
    }
    const entries: OutboxEntry[] = [...recipients].map((recipientId) => ({
      key: `register.handover.outcome:${check.id}:${recipientId}`,
      recipientId,
      kind: "register.handover.outcome",
      payload: { ...outcome },
    }));
    await repository.enqueue(entries);
  }

  private questionOf(check: RegisterCheck, contact: Contact): CheckQuestion {
    return {
      checkId: check.id,
      organisationName: contact.organisation.name,
      areaNames: spocAreas(contact).map((area) => area.name),
      lastVerifiedOn: contact.verifiedAt ? calendarDayInZone(contact.verifiedAt, this.timeZone) : null,
    };
  }

  private async find(checkId: string, repository = this.repository): Promise<RegisterCheck> {
    const check = await repository.findCheck(checkId);
    if (!check) throw new NotFound("That register check is not known; it may have been removed.");
    return check;
  }

  private async contactOf(check: RegisterCheck, repository = this.repository): Promise<Contact> {
    const contact = await repository.findContactById(check.contactId);
    if (!contact || contact.retiredAt) {
      throw new InvalidInput(["This entry has retired from the register, so there is nothing to check."]);
    }
    return contact;
  }

  /** Only the person asked answers their check. */
  private assertAsked(actor: Actor, check: RegisterCheck): void {
    if (actor.contactId !== check.contactId) {
      throw new AccessDenied("Only the person this check was sent to can answer it.");
    }
  }

  private assertOpen(check: RegisterCheck, state: CheckState): void {
    if (check.state !== state)
      throw new InvalidInput([ANSWERED[check.state as Exclude<CheckState, "ASKED">]]);
  }

  private async openFor(repository: RegisterCheckRepository, actor: Actor, checkId: string) {
    const check = await this.find(checkId, repository);
    this.assertAsked(actor, check);
    this.assertOpen(check, "ASKED");
    return { check, contact: await this.contactOf(check, repository) };
  }

  private async handoverFor(repository: RegisterCheckRepository, actor: Actor, checkId: string) {
    const check = await this.find(checkId, repository);
    if (!check.successorId || actor.contactId !== check.successorId) {
      throw new AccessDenied("Only the person named as the new contact can answer this.");
    }
    if (check.state !== "HANDOVER") {
      throw new InvalidInput([
        check.state === "HANDED_OVER"
          ? "You have already confirmed: you are the contact now."
          : "This handover has already been answered.",
      ]);
    }
    const contact = await this.contactOf(check, repository);
    const successor = await repository.findContactById(check.successorId);
    if (!successor || successor.retiredAt) {
      throw new InvalidInput(["Your entry has retired from the register; ask your LDG coordinator."]);
    }
    return { check, contact, successor };
  }

  /** Closes the check if it is still in `from`; a second answer racing the first is refused. */
  private async close(
    repository: RegisterCheckRepository,
    check: RegisterCheck,
    from: CheckState,
    to: CheckState,
    actor: Actor,
  ): Promise<void> {
    const now = this.now();
    const closed = await repository.updateCheck(check.id, from, {
      state: to,
      closedAt: now,
      ...(from === "ASKED" ? { answeredAt: now } : {}),
    });
    if (!closed) throw new InvalidInput(["This check has just been answered by someone else."]);
    await this.auditCheck(repository, actor, check, closed);
  }

  private async auditCheck(
    repository: RegisterCheckRepository,
    actor: Actor,
    before: RegisterCheck,
    after: RegisterCheck,
  ): Promise<void> {
    await repository.recordAudit({
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb: `register.check.${after.state.toLowerCase().replaceAll("_", "-")}`,
      entityType: "RegisterCheck",
      entityId: before.id,
      before: { state: before.state },
      after: { state: after.state, successorId: after.successorId },
    });
  }

  private async auditContact(
    repository: RegisterCheckRepository,
    actor: Actor,
    verb: string,
    before: Contact | null,
    after: Contact,
  ): Promise<void> {
    await repository.recordAudit({
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb,
      entityType: "Contact",
      entityId: after.id,
      before: before ? contactSnapshot(before) : null,
      after: contactSnapshot(after),
    });
  }
}

/** The answer's acknowledgement, in place of the question's card. */
function checkAnswered(text: string): ChatMessage {
  return {
    summary: text,
    blocks: [
      { kind: "heading", text: "Register check" },
      { kind: "text", text },
    ],
  };
}
