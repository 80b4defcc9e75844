// The port through which the core's messages reach people. Slack, Teams and email each implement
// it; the outbox sender picks one per recipient at delivery time.
import type { ChatMessage } from "./message.js";

export interface Recipient {
  contactId: string;
  name: string;
  email: string;
  slackUserId: string | null;
  teamsUserId: string | null;
  preferredPlatform: "SLACK" | "TEAMS" | "EMAIL" | null;
  /** When a mail server refused their address: email is not tried again until the address changes. */
  emailBouncedAt?: Date | null;
  /** They asked for digests by email (`digest by email on`). */
  digestByEmail?: boolean;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutboundMessage {
  message: ChatMessage;
  attachments?: Attachment[];
  /**
   * The outbox message's id. A platform that can look back at what it sent keeps it with the
   * message (see `wasDelivered`); email makes it the Message-ID, so a mail store sees a repeat.
   */
  deliveryId?: string;
}

export class RecipientUnreachable extends Error {}

/** The platform asked for a pause (a rate limit): retry, but not before `retryAfterMs` has passed. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

export interface ChatPlatform {
  readonly name: "SLACK" | "TEAMS" | "EMAIL";
  /** Whether this platform has an address for the recipient at all. */
  canReach(recipient: Recipient): boolean;
  /**
   * Sends one message; throws RecipientUnreachable when it never will arrive, RetryLater when the
   * platform asked for a pause, any other error to retry.
   */
  send(recipient: Recipient, outbound: OutboundMessage): Promise<void>;
  /**
   * Whether the message sent with this `deliveryId` reached the recipient on or after `since`: asked
   * when an attempt was cut off mid-send, before sending again. Platforms that cannot look back
   * (Teams, email) leave it out, and the message is sent again: twice rather than never.
   */
  wasDelivered?(recipient: Recipient, deliveryId: string, since: Date): Promise<boolean>;
}
