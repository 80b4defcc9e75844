// Reads everything held about one register entry, table by table, for the right-of-access export.
// Each section selects its columns explicitly, so a problem's details (about other people) never
// come along by accident.
import type { PersonalData, PersonalDataRepository } from "../core/privacy/personal-data.js";
import type { AuditEntry } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import type { Client } from "./transaction.js";

const problemHeadline = {
  ref: true,
  title: true,
  category: true,
  priority: true,
  status: true,
  classification: true,
  createdAt: true,
  closedAt: true,
  area: { select: { code: true } },
} as const;

/** Dates as ISO strings, so the document reads the same whatever prints it. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class PrismaPersonalDataRepository implements PersonalDataRepository {
  constructor(private readonly client: Client) {}

  async findContactId(email: string): Promise<string | null> {
    const contact = await this.client.contact.findUnique({ where: { email }, select: { id: true } });
    return contact?.id ?? null;
  }

  async personalData(contactId: string): Promise<PersonalData> {
    const c = this.client;
    const registerEntry = await c.contact.findUniqueOrThrow({
      where: { id: contactId },
      select: {
        id: true,
        name: true,
        email: true,
        phone: true,
        organisation: { select: { name: true, kind: true } },
        deputy: { select: { name: true, email: true } },
        memberships: { select: { role: true, area: { select: { code: true, name: true } } } },
        themes: { select: { theme: true } },
        slackUserId: true,
        teamsUserId: true,
        preferredPlatform: true,
        isAdmin: true,
        verifiedAt: true,
        retiredAt: true,
        awayUntil: true,
        createdAt: true,
        updatedAt: true,
      },
    });
    const [
      deputyFor,
      problemsRaised,
      problemsAsPartnerContact,
      actionsAssigned,
      actionsCreated,
      actionUpdatesWritten,
      meetingInvitations,
      activities,
      boardAnswers,
      messages,
      chaseSteps,
      registerChecks,
      teamsConversation,
      byThisPerson,
      aboutThisPerson,
    ] = [
      await c.contact.findMany({ where: { deputyId: contactId }, select: { name: true, email: true } }),
      await c.problem.findMany({
        where: { raisedById: contactId },
        select: problemHeadline,
        orderBy: { createdAt: "asc" },
      }),
      await c.problemPartner.findMany({
        where: { contactId },
        select: {
          reason: true,
          isLead: true,
          removedAt: true,
          createdAt: true,
          organisation: { select: { name: true } },
          problem: { select: problemHeadline },
        },
        orderBy: { createdAt: "asc" },
      }),
      await c.action.findMany({
        where: { assigneeId: contactId },
        select: actionSelect,
        orderBy: { createdAt: "asc" },
      }),
      await c.action.findMany({
        where: { createdById: contactId },
        select: actionSelect,
        orderBy: { createdAt: "asc" },
      }),
      await c.actionUpdate.findMany({
        where: { authorId: contactId },
        select: {
          text: true,
          createdAt: true,
          action: { select: { id: true, problem: { select: { ref: true } } } },
        },
        orderBy: { createdAt: "asc" },
      }),
      await c.meetingInvitee.findMany({
        where: { OR: [{ contactId }, { substituteId: contactId }] },
        select: {
          response: true,
          attended: true,
          substituteId: true,
          meeting: {
            select: {
              kind: true,
              startsAt: true,
              durationMinutes: true,
              place: true,
              link: true,
              cancelledAt: true,
              agenda: { select: { problem: { select: { ref: true } } } },
              // Their answers to a poll of candidate times, which say when they are free.
              slots: {
                select: {
                  startsAt: true,
                  pickedAt: true,
                  answers: { where: { contactId }, select: { canAttend: true, answeredAt: true } },
                },
                orderBy: { startsAt: "asc" },
              },
            },
          },
        },
      }),
      await c.activity.findMany({
        where: { officerId: contactId },
        select: {
          kind: true,
          note: true,
          occurredOn: true,
          createdAt: true,
          agencies: { select: { agency: true } },
        },
        orderBy: { occurredOn: "asc" },
      }),
      await c.boardAnswer.findMany({
        where: { answeredById: contactId },
        select: { decision: true, reason: true, createdAt: true, problem: { select: { ref: true } } },
        orderBy: { createdAt: "asc" },
      }),
      await c.outboxMessage.findMany({
        where: { recipientId: contactId },
        select: { kind: true, payload: true, state: true, attempts: true, sentAt: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
      await c.chaseStep.findMany({
        where: { recipientId: contactId },
        select: { subject: true, step: true, occurrence: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
      await c.registerCheck.findMany({
        where: { OR: [{ contactId }, { successorId: contactId }] },
        select: {
          contactId: true,
          askedAt: true,
          state: true,
          answeredAt: true,
          escalatedAt: true,
          successorId: true,
          closedAt: true,
        },
        orderBy: { askedAt: "asc" },
      }),
      await c.conversationReference.findUnique({
        where: { contactId },
        select: { reference: true, updatedAt: true },
      }),
      await c.auditEvent.findMany({ where: { actorId: contactId }, orderBy: { at: "asc" } }),
      await c.auditEvent.findMany({
        where: { entityType: "Contact", entityId: contactId },
        orderBy: { at: "asc" },
      }),
    ];
    return plain({
      registerEntry,
      deputyFor,
      problemsRaised,
      problemsAsPartnerContact,
      actionsAssigned,
      actionsCreated,
      actionUpdatesWritten,
      meetingInvitations,
      activities,
      boardAnswers,
      messages,
      chaseSteps,
      registerChecks,
      teamsConversation,
      auditEntries: { byThisPerson, aboutThisPerson },
    });
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}

const actionSelect = {
  id: true,
  text: true,
  status: true,
  dueOn: true,
  declineReason: true,
  outcome: true,
  acceptedAt: true,
  doneAt: true,
  createdAt: true,
  organisation: { select: { name: true } },
  problem: { select: { ref: true } },
} as const;
