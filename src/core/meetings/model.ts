// Meetings as the core sees them: plain data, no database types.
import type { ThreadPost } from "../intake/thread-news.js";
import type { OutboxEntry } from "../outbox.js";
import type { Classification, Problem } from "../problems/model.js";
import type { Priority } from "../problems/priority.js";
import type { ProblemStatus } from "../problems/status.js";
import type { AuditEntry, Contact } from "../register/model.js";

export type MeetingKind = "TASKING" | "PROBLEM_SOLVING_PANEL" | "CASE_REVIEW";
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  TASKING: "tasking meeting",
  PROBLEM_SOLVING_PANEL: "problem-solving panel",
  CASE_REVIEW: "case review",
};

export type InvitationResponse = "PENDING" | "ATTENDING" | "DECLINED" | "SENDING_DEPUTY";

/** A problem on the agenda: only what messages may carry about it. */
export interface AgendaProblem {
  problemId: string;
  ref: string;
  title: string;
  priority: Priority;
  classification: Classification;
}

export interface Invitee {
  id: string;
  contactId: string;
  contactName: string;
  contactEmail: string;
  /** The organisation they were invited for. */
  organisationId: string;
  organisationName: string;
  response: InvitationResponse;
  /** Whom they are sending in their place, when the response is SENDING_DEPUTY. */
  substituteId: string | null;
  /** Null until the coordinator records the attendance. */
  attended: boolean | null;
}

/** An invitee's answer to one candidate time. */
export interface SlotAnswer {
  contactId: string;
  canAttend: boolean;
}

/** A candidate time of a meeting being arranged by poll. */
export interface MeetingSlot {
  id: string;
  /** 1 to 5, in the order the coordinator gave them. */
  position: number;
  startsAt: Date;
  /** Set on the one slot the coordinator picked: the meeting's time. */
  pickedAt: Date | null;
  answers: SlotAnswer[];
}

export interface Meeting {
  id: string;
  area: { id: string; code: string; name: string };
  kind: MeetingKind;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  link: string | null;
  /** The minutes: may hold personal details, so they never go into messages or the audit log. */
  notes: string | null;
  convenedById: string;
  /** Raised with every change sent to calendars, so they replace the earlier invitation. */
  sequence: number;
  clientKey: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
  agenda: AgendaProblem[];
  invitees: Invitee[];
  /** The candidate times polled, earliest first; empty when the meeting was convened at one time. */
  slots: MeetingSlot[];
}

/** Polled and no time picked yet: `startsAt` is only the earliest candidate, and no invitation has gone. */
export function isBeingArranged(meeting: Pick<Meeting, "slots">): boolean {
  return meeting.slots.length > 0 && !meeting.slots.some((slot) => slot.pickedAt !== null);
}

export interface NewMeeting {
  areaId: string;
  kind: MeetingKind;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  link: string | null;
  convenedById: string;
  clientKey: string | null;
  problemIds: string[];
  invitees: NewInvitee[];
  /** Candidate times to poll, in the order given; empty for a meeting at one time. */
  slotTimes: Date[];
}

export interface NewInvitee {
  contactId: string;
  organisationId: string;
}

export type MeetingChanges = Partial<Pick<Meeting, "startsAt" | "notes" | "sequence" | "cancelledAt">>;

export type InviteeChanges = Partial<Pick<Invitee, "response" | "substituteId" | "attended">>;

/** The meetings' storage, as the core needs it. `transaction` runs `work` atomically. */
export interface MeetingRepository {
  transaction<T>(work: (repository: MeetingRepository) => Promise<T>): Promise<T>;
  findProblemByRef(ref: string): Promise<Problem | null>;
  findContact(id: string): Promise<Contact | null>;
  findContactByEmail(email: string): Promise<Contact | null>;
  findMeeting(id: string): Promise<Meeting | null>;
  findMeetingByClientKey(clientKey: string): Promise<Meeting | null>;
  findMeetingBySlot(slotId: string): Promise<Meeting | null>;
  /** The problem's most recently convened meeting that is not cancelled. */
  latestMeetingOf(problemId: string): Promise<Meeting | null>;
  createMeeting(meeting: NewMeeting): Promise<Meeting>;
  updateMeeting(id: string, changes: MeetingChanges): Promise<Meeting>;
  addInvitee(meetingId: string, invitee: NewInvitee): Promise<void>;
  updateInvitee(inviteeId: string, changes: InviteeChanges): Promise<void>;
  /** Records or changes an invitee's answer to a candidate time. */
  answerSlot(slotId: string, contactId: string, canAttend: boolean, at: Date): Promise<void>;
  /**
   * Sets the meeting's time to the slot's and marks the slot picked; false, with nothing changed,
   * when a slot of the meeting was picked already (two coordinators at once).
   */
  pickSlot(meetingId: string, slotId: string, at: Date): Promise<boolean>;
  /** Every invitee of the meeting answers PENDING again, as after a change of time. */
  resetResponses(meetingId: string): Promise<void>;
  setProblemStatus(problemId: string, status: ProblemStatus): Promise<void>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
  /** Writes a post for the problem's thread in its area's LDG channel, where it has one. */
  postToThread(post: ThreadPost): Promise<void>;
}
