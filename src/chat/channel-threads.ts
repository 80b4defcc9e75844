// The port through which the thread sender posts in an area's LDG channel: a new top-level message
// that starts a problem's thread, and replies under it. Slack and Teams implement it. `deliveryId`
// is the post's row id, which a platform that can look back keeps with the post.
import type { ChatMessage } from "./message.js";

export interface ChannelThreads {
  readonly platform: "SLACK" | "TEAMS";
  /**
   * Posts a new top-level message in the channel at `address` (as the LDG channel was stored) and
   * returns the thread's anchor. Throws RecipientUnreachable when it never will (the bot was
   * removed), RetryLater when the platform asked for a pause, any other error to retry.
   */
  start(address: Record<string, unknown>, message: ChatMessage, deliveryId: string): Promise<string>;
  /** Posts a reply in the thread `anchor` started; throws as `start` does. */
  reply(
    address: Record<string, unknown>,
    anchor: string,
    message: ChatMessage,
    deliveryId: string,
  ): Promise<void>;
  /**
   * After an attempt was cut off mid-post: the post carrying `deliveryId`, made on or after `since`,
   * as the channel (`anchor` null) or the thread shows it, by its id (its ts: a first post's anchor);
   * null if it is not there. Platforms that cannot look back (Teams) leave it out, and the post is
   * made again: twice rather than never.
   */
  findPosted?(
    address: Record<string, unknown>,
    anchor: string | null,
    deliveryId: string,
    since: Date,
  ): Promise<string | null>;
}
