// The meetings' repository over Prisma: meetings, their agenda and invitees, mapped to the core's types.

import type { ThreadPost } from "../core/intake/thread-news.js";
import type {
  InviteeChanges,
  Meeting,
  MeetingChanges,
  MeetingRepository,
  NewInvitee,
  NewMeeting,
} from "../core/meetings/model.js";
import type { OutboxEntry } from "../core/outbox.js";
import type { Problem } from "../core/problems/model.js";
import type { ProblemStatus } from "../core/problems/status.js";
import type { AuditEntry, Contact } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { enqueueThreadPost } from "./channel-post-repository.js";
import type { Prisma } from "./generated/client.js";
import { enqueueOutbox } from "./outbox-repository.js";
import { type Client, inTransaction } from "./transaction.js";
import { PrismaWorkflowRepository } from "./workflow-repository.js";

const meetingInclude = {
  agenda: {
    include: {
      problem: { select: { id: true, ref: true, title: true, priority: true, classification: true } },
    },
  },
  invitees: { include: { contact: { select: { name: true, email: true } } } },
  slots: { include: { answers: true }, orderBy: { startsAt: "asc" } },
} as const satisfies Prisma.MeetingInclude;

type MeetingRow = Prisma.MeetingGetPayload<{ include: typeof meetingInclude }>;

export class PrismaMeetingRepository implements MeetingRepository {
  // Problems are read as the workflow reads them, through the same client.
  private readonly workflow: PrismaWorkflowRepository;

  constructor(private readonly client: Client) {
    this.workflow = new PrismaWorkflowRepository(client);
  }

  transaction<T>(work: (repository: MeetingRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as MeetingRepository,
      (tx) => new PrismaMeetingRepository(tx),
      work,
    );
  }

  findProblemByRef(ref: string): Promise<Problem | null> {
    return this.workflow.findProblemByRef(ref);
  }

  findContact(id: string): Promise<Contact | null> {
    return this.workflow.findContact(id);
  }

  findContactByEmail(email: string): Promise<Contact | null> {
    return this.workflow.findContactByEmail(email);
  }

  async findMeeting(id: string): Promise<Meeting | null> {
    const row = await this.client.meeting.findUnique({ where: { id }, include: meetingInclude });
    return row ? this.toMeeting(row) : null;
  }

  async findMeetingByClientKey(clientKey: string): Promise<Meeting | null> {
    const row = await this.client.meeting.findUnique({ where: { clientKey }, include: meetingInclude });
    return row ? this.toMeeting(row) : null;
  }

  async findMeetingBySlot(slotId: string): Promise<Meeting | null> {
    const slot = await this.client.meetingSlot.findUnique({
      where: { id: slotId },
      select: { meetingId: true },
    });
    return slot ? this.findMeeting(slot.meetingId) : null;
  }

  async latestMeetingOf(problemId: string): Promise<Meeting | null> {
    const row = await this.client.meeting.findFirst({
      where: { cancelledAt: null, agenda: { some: { problemId } } },
      orderBy: { createdAt: "desc" },
      include: meetingInclude,
    });
    return row ? this.toMeeting(row) : null;
  }

  async createMeeting(meeting: NewMeeting): Promise<Meeting> {
    const { problemIds, invitees, slotTimes, ...columns } = meeting;
    const row = await this.client.meeting.create({
      data: {
        ...columns,
        agenda: { create: problemIds.map((problemId) => ({ problemId })) },
        invitees: { create: invitees },
        slots: { create: slotTimes.map((startsAt, index) => ({ position: index + 1, startsAt })) },
      },
      include: meetingInclude,
    });
    return this.toMeeting(row);
  }

  async updateMeeting(id: string, changes: MeetingChanges): Promise<Meeting> {
    const row = await this.client.meeting.update({ where: { id }, data: changes, include: meetingInclude });
    return this.toMeeting(row);
  }

  async addInvitee(meetingId: string, invitee: NewInvitee): Promise<void> {
    await this.client.meetingInvitee.create({ data: { meetingId, ...invitee } });
  }

  async updateInvitee(inviteeId: string, changes: InviteeChanges): Promise<void> {
    await this.client.meetingInvitee.update({ where: { id: inviteeId }, data: changes });
  }

  async answerSlot(slotId: string, contactId: string, canAttend: boolean, at: Date): Promise<void> {
    await this.client.meetingSlotAnswer.upsert({
      where: { slotId_contactId: { slotId, contactId } },
      create: { slotId, contactId, canAttend, answeredAt: at },
      update: { canAttend, answeredAt: at },
    });
  }

  async pickSlot(meetingId: string, slotId: string, at: Date): Promise<boolean> {
    const slot = await this.client.meetingSlot.findUniqueOrThrow({ where: { id: slotId } });
    // Writing the meeting's row first holds it (PostgreSQL), so a second pick waits here and then
    // finds the first one's slot picked.
    await this.client.meeting.update({ where: { id: meetingId }, data: { startsAt: slot.startsAt } });
    const picked = await this.client.meetingSlot.count({ where: { meetingId, pickedAt: { not: null } } });
    if (picked > 0) return false;
    await this.client.meetingSlot.update({ where: { id: slotId }, data: { pickedAt: at } });
    return true;
  }

  async resetResponses(meetingId: string): Promise<void> {
    await this.client.meetingInvitee.updateMany({
      where: { meetingId },
      data: { response: "PENDING", substituteId: null },
    });
  }

  async setProblemStatus(problemId: string, status: ProblemStatus): Promise<void> {
    await this.client.problem.update({ where: { id: problemId }, data: { status } });
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }

  async enqueue(entries: OutboxEntry[]): Promise<void> {
    await enqueueOutbox(this.client, entries);
  }

  async postToThread(post: ThreadPost): Promise<void> {
    await enqueueThreadPost(this.client, post);
  }

  /** The area and the invitees' organisations have no relation in the schema, so they are looked up. */
  private async toMeeting(row: MeetingRow): Promise<Meeting> {
    const area = await this.client.area.findUniqueOrThrow({
      where: { id: row.areaId },
      select: { id: true, code: true, name: true },
    });
    const organisations = await this.client.organisation.findMany({
      where: { id: { in: [...new Set(row.invitees.map((invitee) => invitee.organisationId))] } },
      select: { id: true, name: true },
    });
    const organisationName = new Map(
      organisations.map((organisation) => [organisation.id, organisation.name]),
    );
    return {
      id: row.id,
      area,
      kind: row.kind,
      startsAt: row.startsAt,
      durationMinutes: row.durationMinutes,
      place: row.place,
      link: row.link,
      notes: row.notes,
      convenedById: row.convenedById,
      sequence: row.sequence,
      clientKey: row.clientKey,
      cancelledAt: row.cancelledAt,
      createdAt: row.createdAt,
      agenda: row.agenda
        .map(({ problem }) => ({
          problemId: problem.id,
          ref: problem.ref,
          title: problem.title,
          priority: problem.priority,
          classification: problem.classification,
        }))
        .sort((a, b) => a.ref.localeCompare(b.ref)),
      invitees: row.invitees
        .map((invitee) => ({
          id: invitee.id,
          contactId: invitee.contactId,
          contactName: invitee.contact.name,
          contactEmail: invitee.contact.email,
          organisationId: invitee.organisationId,
          organisationName: organisationName.get(invitee.organisationId) ?? "(unknown organisation)",
          response: invitee.response,
          substituteId: invitee.substituteId,
          attended: invitee.attended,
        }))
        .sort(
          (a, b) =>
            a.organisationName.localeCompare(b.organisationName) ||
            a.contactName.localeCompare(b.contactName),
        ),
      slots: row.slots.map((slot) => ({
        id: slot.id,
        position: slot.position,
        startsAt: slot.startsAt,
        pickedAt: slot.pickedAt,
        answers: slot.answers.map(({ contactId, canAttend }) => ({ contactId, canAttend })),
      })),
    };
  }
}
