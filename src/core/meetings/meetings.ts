// The meeting's use cases: convene the partners of one or more problems, answer an invitation (or
// send a deputy), record attendance and notes, reschedule and cancel. Each change is access-checked
// and written with its audit event and the calendar invitations it causes, in one transaction.
import { z } from "zod";
import type { Actor } from "../actor.js";
import { AccessDenied, InvalidInput, NotFound } from "../errors.js";
import { problemNews } from "../intake/thread-news.js";
import type { OutboxEntry } from "../outbox.js";
import { isCoordinatorOf } from "../problems/access.js";
import type { Problem } from "../problems/model.js";
import { canMoveProblem } from "../problems/status.js";
import type { Contact } from "../register/model.js";
import { LDG_TIME_ZONE } from "../time/due-date.js";
import { parseInput } from "../validation.js";
import { parseCandidateTimes } from "./candidate-times.js";
import type { ProblemConversations } from "./conversation.js";
import { type InvitationMethod, meetingInvitation } from "./invitation.js";
import { parseMeetingTime } from "./meeting-time.js";
import {
  type InvitationResponse,
  type Invitee,
  isBeingArranged,
  MEETING_KIND_NAMES,
  type Meeting,
  type MeetingRepository,
  type NewInvitee,
} from "./model.js";
import { bestSlot, everyoneAnswered, tallySlots } from "./slot-poll.js";

const MAX_AGENDA_PROBLEMS = 20;

const blankAsMissing = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const conveneSchema = z.object({
  problemRefs: z
    .array(z.string({ message: "must be problem references" }).trim().toUpperCase().min(1))
    .min(1, { message: "needs at least one problem reference" })
    .max(MAX_AGENDA_PROBLEMS, { message: `has more than ${MAX_AGENDA_PROBLEMS} problems` }),
  kind: z
    .enum(["TASKING", "PROBLEM_SOLVING_PANEL", "CASE_REVIEW"], {
      message: "must be a tasking meeting, a problem-solving panel or a case review",
    })
    .default("PROBLEM_SOLVING_PANEL"),
  /** One time; or, instead, `candidates`: two to five times to poll, one a line. */
  when: z.preprocess(blankAsMissing, z.string({ message: "must be a day and time" }).trim().optional()),
  candidates: z.preprocess(
    blankAsMissing,
    z.string({ message: "must be times, one a line" }).max(1000, { message: "is too long" }).optional(),
  ),
  durationMinutes: z
    .number({ message: "must be a number of minutes" })
    .int({ message: "must be a whole number of minutes" })
    .min(15, { message: "must be at least 15 minutes" })
    .max(480, { message: "must be at most 480 minutes (8 hours)" })
    .default(60),
  place: z.preprocess(
    blankAsMissing,
    z.string().trim().max(200, { message: "is longer than 200 characters" }).optional(),
  ),
  link: z.preprocess(
    blankAsMissing,
    z
      .url({ protocol: /^https$/, message: "must be a web address starting with https://" })
      .max(2000, { message: "is longer than 2000 characters" })
      .optional(),
  ),
  clientKey: z.string().trim().max(200).optional(),
});

export type ConveneInput = z.input<typeof conveneSchema>;

export interface ConveneResult {
  meeting: Meeting;
  /** False when `clientKey` found the meeting an earlier attempt convened: nothing new was written or opened. */
  created: boolean;
  /** Partner organisations nobody could be invited for, and why. */
  uninvited: { organisationName: string; why: string }[];
  conversations: { ref: string; conversationId: string }[];
  /** Conversations the chat platform could not open; the meeting stands regardless. */
  conversationErrors: { ref: string; message: string }[];
}

export interface OrganisationAttendance {
  organisationName: string;
  invited: number;
  attended: number;
}

const responseSchema = z.object({
  response: z.enum(["ATTENDING", "DECLINED", "SENDING_DEPUTY"], {
    message: "must be attending, declined or sending a deputy",
  }),
  substituteEmail: z.preprocess(blankAsMissing, z.email({ message: "is not an email address" }).optional()),
});

const notesSchema = z.object({
  notes: z
    .string({ message: "are required" })
    .trim()
    .min(1, { message: "are empty" })
    .max(10_000, { message: "are longer than 10000 characters" }),
});

const reasonSchema = z.object({
  reason: z
    .string({ message: "is required" })
    .trim()
    .min(5, { message: "needs a few words (at least 5 characters)" })
    .max(2000, { message: "is longer than 2000 characters" }),
});

export class Meetings {
  constructor(
    private readonly repository: MeetingRepository,
    private readonly conversations: ProblemConversations,
    private readonly now: () => Date = () => new Date(),
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  /**
   * Calls a meeting about problems of one area and invites their partners' contacts (one invitation
   * a person); the convening coordinator is its organiser. Agenda problems not yet convened move to
   * CONVENED. Then each problem's conversation is opened with its partners and the organiser.
   */
  async convene(actor: Actor, input: ConveneInput): Promise<ConveneResult> {
    const valid = parseInput(conveneSchema, input);
    if (valid.clientKey) {
      const earlier = await this.repository.findMeetingByClientKey(valid.clientKey);
      if (earlier) return this.alreadyConvened(actor, earlier);
    }
    const problems = await this.agendaProblems(actor, valid.problemRefs);
    const area = (problems[0] as Problem).area;
    const organiser = await this.organiserFor(actor);
    const starts = this.checkTimes(valid);
    const { invitees, uninvited } = await this.inviteesFor(problems, organiser.id);
    if (invitees.length === 0) {
      throw new InvalidInput([
        `Nobody can be invited yet: add partners with a named contact to ${refsOf(problems)} first`,
      ]);
    }

    let meeting: Meeting;
    try {
      meeting = await this.repository.transaction(async (repository) => {
        const created = await repository.createMeeting({
          areaId: area.id,
          kind: valid.kind,
          // While a time is being polled, the earliest candidate stands in for it.
          startsAt: new Date(Math.min(...starts.map((start) => start.getTime()))),
          durationMinutes: valid.durationMinutes,
          place: valid.place ?? null,
          link: valid.link ?? null,
          convenedById: organiser.id,
          clientKey: valid.clientKey ?? null,
          problemIds: problems.map((problem) => problem.id),
          invitees,
          slotTimes: starts.length > 1 ? starts : [],
        });
        for (const problem of problems) {
          if (!canMoveProblem(problem.status, "CONVENED")) continue;
          await repository.setProblemStatus(problem.id, "CONVENED");
          await repository.recordAudit({
            actorId: actor.contactId,
            actorLabel: actor.label,
            verb: "problem.convened",
            entityType: "Problem",
            entityId: problem.id,
            before: { status: problem.status },
            after: { status: "CONVENED", meetingId: created.id },
          });
          const news = problemNews("problem.convened", problem, this.now());
          if (news) await repository.postToThread(news);
        }
        await this.audit(repository, actor, "meeting.convened", created, null);
        await repository.enqueue(
          isBeingArranged(created)
            ? this.polls(created)
            : this.invitations(created, organiser, created.invitees, "REQUEST"),
        );
        return created;
      });
    } catch (error) {
      // Two identical retries at the same moment: the loser finds the winner's meeting.
      if (valid.clientKey) {
        const winner = await this.repository.findMeetingByClientKey(valid.clientKey);
        if (winner) return this.alreadyConvened(actor, winner);
      }
      throw error;
    }
    const invited = new Set(invitees.map((invitee) => invitee.contactId));
    return {
      meeting,
      created: true,
      uninvited,
      ...(await this.openConversations(problems, organiser, invited)),
    };
  }

  /**
   * An invitee answers for themselves. Sending a deputy names a substitute from the same
   * organisation (their register deputy unless `substituteEmail` names another), who is invited too.
   */
  async respond(
    actor: Actor,
    meetingId: string,
    response: Exclude<InvitationResponse, "PENDING">,
    substituteEmail?: string,
  ): Promise<Meeting> {
    const valid = parseInput(responseSchema, { response, substituteEmail });
    const meeting = await this.find(meetingId);
    const invitee = meeting.invitees.find(
      (candidate) => actor.contactId !== null && candidate.contactId === actor.contactId,
    );
    if (!invitee)
      throw new AccessDenied("Only the people invited to this meeting can answer its invitation.");
    this.assertTimeSet(meeting);
    this.assertStillToCome(meeting);
    if (valid.substituteEmail && valid.response !== "SENDING_DEPUTY") {
      throw new InvalidInput(["substitute: name someone only when you are sending a deputy"]);
    }
    const substitute =
      valid.response === "SENDING_DEPUTY" ? await this.substituteFor(invitee, valid.substituteEmail) : null;
    const newcomer =
      substitute && !meeting.invitees.some((known) => known.contactId === substitute.id) ? substitute : null;

    return this.repository.transaction(async (repository) => {
      await repository.updateInvitee(invitee.id, {
        response: valid.response,
        substituteId: substitute?.id ?? null,
      });
      if (newcomer) {
        await repository.addInvitee(meeting.id, {
          contactId: newcomer.id,
          organisationId: invitee.organisationId,
        });
      }
      const updated = (await repository.findMeeting(meeting.id)) as Meeting;
      await this.audit(repository, actor, "meeting.responded", updated, meeting);
      if (newcomer) {
        // Only the newcomer is sent it: the others' invitation has not changed.
        const recipients = updated.invitees.filter((known) => known.contactId === newcomer.id);
        const organiser = await this.organiserOf(repository, updated);
        await repository.enqueue(this.invitations(updated, organiser, recipients, "REQUEST"));
      }
      return updated;
    });
  }

  /** Marks every invitee as attended or not: those in `attendedContactIds` attended. */
  async recordAttendance(actor: Actor, meetingId: string, attendedContactIds: string[]): Promise<Meeting> {
    const meeting = await this.find(meetingId);
    assertCoordinatorOf(actor, meeting, "record who attended");
    const attendedIds = new Set(
      parseInput(z.array(z.string({ message: "must be register contacts" })), attendedContactIds),
    );
    this.assertAttendanceOpen(meeting);
    const strangers = [...attendedIds].filter(
      (contactId) => !meeting.invitees.some((invitee) => invitee.contactId === contactId),
    );
    if (strangers.length > 0) {
      throw new InvalidInput([
        `${strangers.length} of the people marked as attending were not invited; invite them first`,
      ]);
    }
    return this.repository.transaction(async (repository) => {
      for (const invitee of meeting.invitees) {
        const attended = attendedIds.has(invitee.contactId);
        if (invitee.attended !== attended) await repository.updateInvitee(invitee.id, { attended });
      }
      const updated = (await repository.findMeeting(meeting.id)) as Meeting;
      await this.audit(repository, actor, "meeting.attendance.recorded", updated, meeting);
      return updated;
    });
  }

  /** For each organisation invited, how many of its people were invited and how many attended. */
  async attendanceByOrganisation(actor: Actor, meetingId: string): Promise<OrganisationAttendance[]> {
    const meeting = await this.find(meetingId);
    const invited = meeting.invitees.some((invitee) => invitee.contactId === actor.contactId);
    if (!invited && !isCoordinatorOf(actor, meeting.area.id)) {
      throw new AccessDenied(`Only the people invited and ${meeting.area.name}'s coordinator can see this.`);
    }
    const byOrganisation = new Map<string, OrganisationAttendance>();
    for (const invitee of meeting.invitees) {
      const counts = byOrganisation.get(invitee.organisationId) ?? {
        organisationName: invitee.organisationName,
        invited: 0,
        attended: 0,
      };
      counts.invited += 1;
      if (invitee.attended) counts.attended += 1;
      byOrganisation.set(invitee.organisationId, counts);
    }
    return [...byOrganisation.values()].sort((a, b) => a.organisationName.localeCompare(b.organisationName));
  }

  /** Throws InvalidInput, naming the notes field, where `notes` could not be saved. */
  checkNotes(notes: string): void {
    parseInput(notesSchema, { notes });
  }

  /** Sets the meeting's notes (its minutes), replacing earlier ones; the audit records their length only. */
  async addNotes(actor: Actor, meetingId: string, notes: string): Promise<Meeting> {
    const meeting = await this.find(meetingId);
    assertCoordinatorOf(actor, meeting, "write a meeting's notes");
    const valid = parseInput(notesSchema, { notes });
    return this.repository.transaction(async (repository) => {
      const updated = await repository.updateMeeting(meeting.id, { notes: valid.notes });
      await this.audit(repository, actor, "meeting.notes.written", updated, meeting);
      return updated;
    });
  }

  /** Moves the meeting to a new time: everyone invited gets the updated invitation and is asked again. */
  async reschedule(actor: Actor, meetingId: string, when: string): Promise<Meeting> {
    const meeting = await this.find(meetingId);
    assertCoordinatorOf(actor, meeting, "reschedule a meeting");
    if (meeting.cancelledAt)
      throw new InvalidInput(["This meeting was cancelled; convene a new one instead"]);
    this.assertTimeSet(meeting);
    const start = this.startFrom(when);
    if (start.getTime() === meeting.startsAt.getTime()) {
      throw new InvalidInput(["The meeting is already at that time"]);
    }
    return this.repository.transaction(async (repository) => {
      await repository.updateMeeting(meeting.id, { startsAt: start, sequence: meeting.sequence + 1 });
      await repository.resetResponses(meeting.id);
      const updated = (await repository.findMeeting(meeting.id)) as Meeting;
      await this.audit(repository, actor, "meeting.rescheduled", updated, meeting);
      const organiser = await this.organiserOf(repository, updated);
      await repository.enqueue(this.invitations(updated, organiser, updated.invitees, "REQUEST"));
      return updated;
    });
  }

  /** The problem's latest meeting (not cancelled), for its area's coordinator. */
  async latestOf(actor: Actor, ref: string): Promise<Meeting> {
    const problem = await this.repository.findProblemByRef(ref.trim().toUpperCase());
    if (!problem) throw new NotFound(`There is no problem ${ref.trim().toUpperCase()}.`);
    const meeting = await this.repository.latestMeetingOf(problem.id);
    if (!meeting)
      throw new NotFound(`${problem.ref} has no meeting yet: convene one with "convene ${problem.ref}".`);
    assertCoordinatorOf(actor, meeting, "see the arrangements of its meetings");
    return meeting;
  }

  /** The problem's latest meeting, once it has started: for its coordinator to record who came. */
  async forAttendance(actor: Actor, ref: string): Promise<Meeting> {
    const meeting = await this.latestOf(actor, ref);
    this.assertAttendanceOpen(meeting);
    return meeting;
  }

  /** The meeting a candidate time belongs to, as it stands, for one of its invitees or its coordinator. */
  async ofSlot(actor: Actor, slotId: string): Promise<Meeting> {
    const meeting = await this.repository.findMeetingBySlot(slotId);
    if (!meeting) throw new NotFound("That meeting does not exist.");
    const invited = meeting.invitees.some((invitee) => invitee.contactId === actor.contactId);
    if (!invited) assertCoordinatorOf(actor, meeting, "see the arrangements of its meetings");
    return meeting;
  }

  /** An invitee says whether they can make a candidate time; they may change it until a time is picked. */
  async answerSlot(actor: Actor, slotId: string, canAttend: boolean): Promise<Meeting> {
    const meeting = await this.repository.findMeetingBySlot(slotId);
    if (!meeting) throw new NotFound("That meeting does not exist.");
    const invitee = meeting.invitees.find(
      (candidate) => actor.contactId !== null && candidate.contactId === actor.contactId,
    );
    if (!invitee) throw new AccessDenied("Only the people invited to this meeting can answer its poll.");
    if (meeting.cancelledAt) throw new InvalidInput(["This meeting was cancelled"]);
    this.assertStillPolling(meeting);
    const slot = meeting.slots.find((candidate) => candidate.id === slotId);
    const before = slot?.answers.find((answer) => answer.contactId === invitee.contactId)?.canAttend;
    if (before === canAttend) return meeting;
    return this.repository.transaction(async (repository) => {
      await repository.answerSlot(slotId, invitee.contactId, canAttend, this.now());
      const updated = (await repository.findMeeting(meeting.id)) as Meeting;
      await repository.recordAudit({
        actorId: actor.contactId,
        actorLabel: actor.label,
        verb: "meeting.slot.answered",
        entityType: "Meeting",
        entityId: meeting.id,
        before: { slotId, canAttend: before ?? null },
        after: { slotId, canAttend },
      });
      // The coordinator hears once, when the last person answers, with the time to propose.
      if (everyoneAnswered(updated) && !everyoneAnswered(meeting)) {
        await repository.enqueue([this.pollAnswered(updated)]);
      }
      return updated;
    });
  }

  /** The coordinator picks a candidate time: it becomes the meeting's, and the invitations go to everyone. */
  async pickSlot(actor: Actor, slotId: string): Promise<Meeting> {
    const meeting = await this.repository.findMeetingBySlot(slotId);
    if (!meeting) throw new NotFound("That meeting does not exist.");
    assertCoordinatorOf(actor, meeting, "set a meeting's time");
    if (meeting.cancelledAt)
      throw new InvalidInput(["This meeting was cancelled; convene a new one instead"]);
    this.assertStillPolling(meeting);
    const slot = meeting.slots.find((candidate) => candidate.id === slotId) as Meeting["slots"][number];
    if (slot.startsAt.getTime() <= this.now().getTime()) {
      throw new InvalidInput([`${this.timeOf(slot.startsAt)} has passed; pick a later time`]);
    }
    return this.repository.transaction(async (repository) => {
      // Someone picked a time meanwhile: say which, and the transaction writes nothing.
      if (!(await repository.pickSlot(meeting.id, slotId, this.now()))) {
        this.assertStillPolling((await repository.findMeeting(meeting.id)) as Meeting);
      }
      const updated = (await repository.findMeeting(meeting.id)) as Meeting;
      await this.audit(repository, actor, "meeting.time.picked", updated, meeting);
      const organiser = await this.organiserOf(repository, updated);
      await repository.enqueue(this.invitations(updated, organiser, updated.invitees, "REQUEST"));
      return updated;
    });
  }

  /** Cancels the meeting with a reason: everyone invited gets the cancellation for their calendar. */
  async cancel(actor: Actor, meetingId: string, reason: string): Promise<Meeting> {
    const meeting = await this.find(meetingId);
    assertCoordinatorOf(actor, meeting, "cancel a meeting");
    const why = parseInput(reasonSchema, { reason }).reason;
    if (meeting.cancelledAt) throw new InvalidInput(["This meeting is already cancelled"]);
    return this.repository.transaction(async (repository) => {
      const updated = await repository.updateMeeting(meeting.id, {
        cancelledAt: this.now(),
        sequence: meeting.sequence + 1,
      });
      await this.audit(repository, actor, "meeting.cancelled", updated, meeting, { reason: why });
      const organiser = await this.organiserOf(repository, updated);
      await repository.enqueue(this.invitations(updated, organiser, updated.invitees, "CANCEL", why));
      return updated;
    });
  }

  private alreadyConvened(actor: Actor, meeting: Meeting): ConveneResult {
    assertCoordinatorOf(actor, meeting, "convene meetings there");
    return { meeting, created: false, uninvited: [], conversations: [], conversationErrors: [] };
  }

  /** The problems, all found, all in one area the actor coordinates, none closed. */
  private async agendaProblems(actor: Actor, refs: string[]): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const ref of new Set(refs)) {
      const problem = await this.repository.findProblemByRef(ref);
      if (!problem) throw new NotFound(`There is no problem ${ref}.`);
      if (!isCoordinatorOf(actor, problem.area.id)) {
        throw new AccessDenied(`Only ${problem.area.name}'s coordinator can convene meetings there.`);
      }
      problems.push(problem);
    }
    const areas = new Set(problems.map((problem) => problem.area.name));
    if (areas.size > 1) {
      throw new InvalidInput([
        `A meeting's problems must all be in one area, not ${[...areas].join(" and ")}; convene one meeting for each`,
      ]);
    }
    const closed = problems.filter((problem) => problem.status === "CLOSED");
    if (closed.length > 0) throw new InvalidInput([`${refsOf(closed)}: closed; reopen it first`]);
    return problems;
  }

  /** Meetings are called by people in the register: invitations need an organiser to reply to. */
  private async organiserFor(actor: Actor): Promise<Contact> {
    const contact = actor.contactId ? await this.repository.findContact(actor.contactId) : null;
    if (!contact) throw new AccessDenied("Meetings are convened by people in the register.");
    return contact;
  }

  private async organiserOf(repository: MeetingRepository, meeting: Meeting): Promise<Contact> {
    return (await repository.findContact(meeting.convenedById)) as Contact;
  }

  /** The one time given, or the candidate times to poll; exactly one of the two. Writes nothing. */
  checkTimes(valid: { when?: string; candidates?: string }): Date[] {
    if (valid.when && valid.candidates) {
      throw new InvalidInput(["when: give one time here, or several times to choose from below, not both"]);
    }
    if (valid.candidates) {
      const read = parseCandidateTimes(valid.candidates, this.now(), this.timeZone);
      if (!read.ok) {
        throw new InvalidInput(
          read.problems.map((problem) => `candidates: ${problem}`),
          { candidates: read.problems.join("; ") },
        );
      }
      return read.starts;
    }
    if (!valid.when) throw new InvalidInput(["when: is required (e.g. next Tuesday 10:00)"]);
    return [this.startFrom(valid.when)];
  }

  private startFrom(when: string): Date {
    const read = parseMeetingTime(when, this.now(), this.timeZone);
    if (!read.ok) throw new InvalidInput([`when: ${read.message}`]);
    return read.start;
  }

  /** Each partner's contact, once a person; the organiser is not their own invitee. */
  private async inviteesFor(
    problems: Problem[],
    organiserId: string,
  ): Promise<{ invitees: NewInvitee[]; uninvited: ConveneResult["uninvited"] }> {
    const invitees = new Map<string, NewInvitee>();
    const uninvited: ConveneResult["uninvited"] = [];
    for (const problem of problems) {
      for (const partner of problem.partners) {
        const { contactId, organisationName } = partner;
        if (!contactId) {
          uninvited.push({ organisationName, why: `no contact is named for it on ${problem.ref}` });
          continue;
        }
        if (contactId === organiserId || invitees.has(contactId)) continue;
        const contact = await this.repository.findContact(contactId);
        if (!contact || contact.retiredAt) {
          const who = partner.contactName ?? "its contact";
          uninvited.push({ organisationName, why: `${who} has left the register (on ${problem.ref})` });
          continue;
        }
        invitees.set(contactId, { contactId, organisationId: partner.organisationId });
      }
    }
    return { invitees: [...invitees.values()], uninvited };
  }

  /** A substitute must be an active register entry of the organisation the invitee speaks for. */
  private async substituteFor(invitee: Invitee, email: string | undefined): Promise<Contact> {
    let substitute: Contact | null;
    if (email) {
      substitute = await this.repository.findContactByEmail(email);
      if (!substitute || substitute.retiredAt)
        throw new InvalidInput([`substitute: ${email} is not in the register`]);
    } else {
      const deputy = (await this.repository.findContact(invitee.contactId))?.deputy;
      substitute = deputy ? await this.repository.findContact(deputy.id) : null;
      if (!substitute || substitute.retiredAt) {
        throw new InvalidInput([
          "substitute: you have no deputy in the register; name the person you are sending",
        ]);
      }
    }
    if (substitute.id === invitee.contactId) {
      throw new InvalidInput(["substitute: name someone other than yourself"]);
    }
    if (substitute.organisation.id !== invitee.organisationId) {
      throw new InvalidInput([
        `substitute: ${substitute.name} works for ${substitute.organisation.name}, not ${invitee.organisationName}`,
      ]);
    }
    return substitute;
  }

  /** A conversation failing to open is reported, never undoes the meeting. */
  private async openConversations(problems: Problem[], organiser: Contact, invited: Set<string>) {
    const conversations: ConveneResult["conversations"] = [];
    const conversationErrors: ConveneResult["conversationErrors"] = [];
    for (const problem of problems) {
      const partnerIds = problem.partners
        .map((partner) => partner.contactId)
        .filter((contactId): contactId is string => contactId !== null && invited.has(contactId));
      const members = [...new Set([organiser.id, ...partnerIds])].map((contactId) => ({ contactId }));
      const { ref, title, classification } = problem;
      try {
        const { conversationId } = await this.conversations.open({ ref, title, classification }, members);
        conversations.push({ ref, conversationId });
      } catch (error) {
        conversationErrors.push({ ref, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { conversations, conversationErrors };
  }

  /** The same calendar file for each recipient: it lists everyone invited, as calendars expect. */
  private invitations(
    meeting: Meeting,
    organiser: Contact,
    recipients: Invitee[],
    method: InvitationMethod,
    reason?: string,
  ): OutboxEntry[] {
    const invitation = meetingInvitation({
      uid: `meeting-${meeting.id}@ldg-bot`,
      title: `${meeting.area.name} LDG ${MEETING_KIND_NAMES[meeting.kind]}`,
      start: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      location: meeting.place ?? meeting.link ?? undefined,
      url: meeting.link ?? undefined,
      description: calendarDescription(meeting, reason),
      organiser: { name: organiser.name, email: organiser.email },
      attendees: meeting.invitees.map((invitee) => ({
        name: invitee.contactName,
        email: invitee.contactEmail,
      })),
      sequence: meeting.sequence,
      method,
    });
    if (!invitation.ok) throw new InvalidInput([invitation.message]);
    return recipients.map((recipient) => ({
      key: `meeting.invitation:${meeting.id}:${recipient.contactId}:${meeting.sequence}`,
      recipientId: recipient.contactId,
      kind: "meeting.invitation" as const,
      payload: {
        meetingId: meeting.id,
        kind: meeting.kind,
        method,
        sequence: meeting.sequence,
        areaName: meeting.area.name,
        startsAt: meeting.startsAt.toISOString(),
        durationMinutes: meeting.durationMinutes,
        place: meeting.place,
        link: meeting.link,
        agenda: agendaHeadlines(meeting),
        ...(reason ? { reason } : {}),
        ics: invitation.ics,
        icsFilename: invitation.filename,
      },
    }));
  }

  /** A poll, one message to each invitee on their own channel, with its candidate times to answer. */
  private polls(meeting: Meeting): OutboxEntry[] {
    return meeting.invitees.map((invitee) => ({
      key: `meeting.poll:${meeting.id}:${invitee.contactId}`,
      recipientId: invitee.contactId,
      kind: "meeting.poll" as const,
      payload: {
        meetingId: meeting.id,
        kind: meeting.kind,
        areaName: meeting.area.name,
        durationMinutes: meeting.durationMinutes,
        place: meeting.place,
        link: meeting.link,
        agenda: agendaHeadlines(meeting),
        slots: meeting.slots.map((slot) => ({ slotId: slot.id, startsAt: slot.startsAt.toISOString() })),
      },
    }));
  }

  /** For the organiser: everyone has answered; the time most can make, with a button to pick it. */
  private pollAnswered(meeting: Meeting): OutboxEntry {
    const best = bestSlot(tallySlots(meeting));
    return {
      key: `meeting.poll.answered:${meeting.id}`,
      recipientId: meeting.convenedById,
      kind: "meeting.poll.answered",
      payload: {
        meetingId: meeting.id,
        invited: meeting.invitees.length,
        agenda: agendaHeadlines(meeting),
        best: best
          ? {
              slotId: best.slot.id,
              startsAt: best.slot.startsAt.toISOString(),
              can: best.can.length,
              organisationsUnable: best.organisationsUnable,
            }
          : null,
      },
    };
  }

  private timeOf(instant: Date): string {
    return instant.toLocaleString("en-GB", {
      timeZone: this.timeZone,
      dateStyle: "full",
      timeStyle: "short",
    });
  }

  private assertAttendanceOpen(meeting: Meeting): void {
    if (meeting.cancelledAt) throw new InvalidInput(["This meeting was cancelled, so nobody attended it"]);
    this.assertTimeSet(meeting);
    if (meeting.startsAt.getTime() > this.now().getTime()) {
      throw new InvalidInput(["This meeting has not started yet; record attendance once it has"]);
    }
  }

  private assertTimeSet(meeting: Meeting): void {
    if (isBeingArranged(meeting)) {
      throw new InvalidInput(["This meeting's time is still being arranged: the poll is open"]);
    }
  }

  /** Answers and picks stop once a time is picked: the invitation has gone out with it. */
  private assertStillPolling(meeting: Meeting): void {
    if (isBeingArranged(meeting)) return;
    throw new InvalidInput([
      `The time was set to ${this.timeOf(meeting.startsAt)}, and the invitation has been sent; the poll is closed`,
    ]);
  }

  private assertStillToCome(meeting: Meeting): void {
    if (meeting.cancelledAt) throw new InvalidInput(["This meeting was cancelled"]);
    const endsAt = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000;
    if (endsAt <= this.now().getTime()) throw new InvalidInput(["This meeting has already taken place"]);
  }

  private async find(meetingId: string): Promise<Meeting> {
    const meeting = await this.repository.findMeeting(meetingId);
    if (!meeting) throw new NotFound("That meeting does not exist.");
    return meeting;
  }

  private async audit(
    repository: MeetingRepository,
    actor: Actor,
    verb: string,
    after: Meeting,
    before: Meeting | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await repository.recordAudit({
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb,
      entityType: "Meeting",
      entityId: after.id,
      before: before ? auditSnapshot(before) : null,
      after: { ...auditSnapshot(after), ...extra },
    });
  }
}

function assertCoordinatorOf(actor: Actor, meeting: Meeting, doing: string): void {
  if (!isCoordinatorOf(actor, meeting.area.id)) {
    throw new AccessDenied(`Only ${meeting.area.name}'s coordinator can ${doing}.`);
  }
}

function refsOf(problems: Problem[]): string {
  return problems.map((problem) => problem.ref).join(", ");
}

/** The audit log is read more widely than a meeting: the notes may hold personal details, so only their length. */
function auditSnapshot(meeting: Meeting) {
  const { notes, agenda, invitees, ...rest } = meeting;
  return {
    ...rest,
    notesLength: notes?.length ?? 0,
    agenda: agenda.map((problem) => problem.ref),
    invitees: invitees.map(({ contactId, organisationName, response, substituteId, attended }) => ({
      contactId,
      organisationName,
      response,
      substituteId,
      attended,
    })),
  };
}

/**
 * What lands in every invitee's calendar, which syncs to phones and is often open to delegates: the
 * references, with the titles of OFFICIAL problems only; everything else opens in the bot.
 */
function calendarDescription(meeting: Meeting, cancelReason: string | undefined): string {
  const agenda = meeting.agenda.map((problem) => {
    const label = `${problem.ref} (${problem.priority}, ${problem.classification.replace("_", "-")})`;
    return problem.classification === "OFFICIAL" ? `${label}: ${problem.title}` : label;
  });
  const lines = [
    ...(cancelReason ? [`Cancelled: ${cancelReason}`, ""] : []),
    "Agenda:",
    ...agenda,
    "",
    "The problems' details open in ldg-bot for those invited, never in this calendar entry.",
  ];
  return lines.join("\n");
}

/** The problems on a meeting's agenda as its messages show them: headlines only. */
function agendaHeadlines(meeting: Meeting) {
  return meeting.agenda.map(({ ref, title, priority, classification }) => ({
    ref,
    title,
    priority,
    classification,
  }));
}
