// Messages a change causes. A use case returns them with its result and the store writes them to
// the outbox in the same transaction as the change; a sender delivers them later, with retries.
// The key makes the write idempotent: the same change retried writes the same key, so one message.

/** What a message is about; the sender renders each kind for the recipient's channel. */
export type OutboxKind =
  | "problem.raised"
  | "problem.escalated"
  | "problem.closed"
  | "partner.added"
  | "meeting.invitation"
  /** A meeting's candidate times, for an invitee to say which they can make. */
  | "meeting.poll"
  /** Everyone invited has answered a meeting's poll: its organiser is proposed the best time. */
  | "meeting.poll.answered"
  | "action.assigned"
  | "action.declined"
  | "action.done"
  | "escalation.answered"
  | "chase.reminders"
  | "leave.uncovered"
  | "digest.weekly"
  | "digest.board"
  /** A SPOC is asked whether they are still the contact; a successor is asked to confirm. */
  | "register.check"
  | "register.handover"
  /** Coordinators (and the SPOC) hear how a handover ended, and which checks nobody answered. */
  | "register.handover.outcome"
  | "register.unanswered"
  /** A person's chat platform refused a message for them: their coordinators are told, once. */
  | "contact.unreachable";

export interface OutboxEntry {
  /** Unique per message, e.g. `action.assigned:<actionId>:<assigneeId>:<version>`. */
  key: string;
  /** The register contact it goes to: the sender picks their channel at delivery. */
  recipientId: string;
  kind: OutboxKind;
  /** Plain data for rendering: references, titles, priorities and classifications, never personal details. */
  payload: Record<string, unknown>;
}
