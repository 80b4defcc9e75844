// Meetings as the core sees them: plain data, no database types.
import type { ThreadPost } from "../intake/thread-news.js";
import type { OutboxEntry } from "../outbox.js";
import type { Classification, Problem } from "../problems/model.js";
import type { Priority } from "../problems/priority.js";
import type { ProblemStatus } from "../problems/status.js";
import type { AuditEntry, Contact } from "../register/model.js";

export type MeetingKind = "TASKING" | "PROBLEM_SOLVING_PANEL" | "CASE_REVIEW";
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
  createMeeting(meeting: NewMeeting): Promise<Meeting>;
  updateMeeting(id: string, changes: MeetingChanges): Promise<Meeting>;
  addInvitee(meetingId: string, invitee: NewInvitee): Promise<void>;
  updateInvitee(inviteeId: string, changes: InviteeChanges): Promise<void>;
  /** Every invitee of the meeting answers PENDING again, as after a change of time. */
  resetResponses(meetingId: string): Promise<void>;
  setProblemStatus(problemId: string, status: ProblemStatus): Promise<void>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
  /** Writes a post for the problem's thread in its area's LDG channel, where it has one. */
  postToThread(post: ThreadPost): Promise<void>;
}
