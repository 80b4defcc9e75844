// The port through which the thread sender posts in an area's LDG channel: a new top-level message
// that starts a problem's thread, and replies under it. Slack and Teams implement it.
import type { ChatMessage } from "./message.js";

export interface ChannelThreads {
  readonly platform: "SLACK" | "TEAMS";
  /**
   * Posts a new top-level message in the channel at `address` (as the LDG channel was stored) and
   * returns the thread's anchor. Throws RecipientUnreachable when it never will (the bot was
   * removed), RetryLater when the platform asked for a pause, any other error to retry.
   */
  start(address: Record<string, unknown>, message: ChatMessage): Promise<string>;
  /** Posts a reply in the thread `anchor` started; throws as `start` does. */
  reply(address: Record<string, unknown>, anchor: string, message: ChatMessage): Promise<void>;
}
