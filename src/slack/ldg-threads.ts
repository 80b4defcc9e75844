// Slack's side of an area's LDG channel: a problem's headline card as a new message in the
// channel, and the news of its life as replies in that message's thread (`thread_ts`). Each post
// carries its row id as metadata, so a post cut off by a crash is looked for before it goes again.
import type { WebClient } from "@slack/web-api";
import type { ChannelThreads } from "../chat/channel-threads.js";
import type { ChatMessage } from "../chat/message.js";
import { RecipientUnreachable, RetryLater } from "../chat/platform.js";
import { toSlackMessage } from "./block-kit.js";
import { deliveryMetadata, findDelivered } from "./delivery-metadata.js";
import { retryAfterSeconds, slackErrorCode } from "./errors.js";

/** Slack's answers that mean the bot can no longer post in the channel. */
const GONE = new Set(["channel_not_found", "not_in_channel", "is_archived", "thread_not_found"]);

export class SlackLdgThreads implements ChannelThreads {
  readonly platform = "SLACK" as const;

  /** `client` rejects rate-limited calls at once, so the sender decides when to try again. */
  constructor(private readonly client: WebClient) {}

  async start(address: Record<string, unknown>, message: ChatMessage, deliveryId: string): Promise<string> {
    const posted = await this.post({
      channel: channelOf(address),
      ...toSlackMessage(message),
      ...deliveryMetadata(deliveryId),
    });
    if (!posted.ts) throw new Error("Slack gave the post no timestamp");
    return posted.ts;
  }

  async reply(
    address: Record<string, unknown>,
    anchor: string,
    message: ChatMessage,
    deliveryId: string,
  ): Promise<void> {
    await this.post({
      channel: channelOf(address),
      thread_ts: anchor,
      ...toSlackMessage(message),
      ...deliveryMetadata(deliveryId),
    });
  }

  /** Reads the channel's history (or the thread's replies), which needs channels:history and groups:history. */
  findPosted(
    address: Record<string, unknown>,
    anchor: string | null,
    deliveryId: string,
    since: Date,
  ): Promise<string | null> {
    return findDelivered(this.client, {
      channel: channelOf(address),
      ...(anchor ? { threadTs: anchor } : {}),
      deliveryId,
      since,
    });
  }

  private async post(arguments_: Parameters<WebClient["chat"]["postMessage"]>[0]) {
    try {
      return await this.client.chat.postMessage(arguments_);
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds !== undefined) {
        throw new RetryLater(`Slack rate limited the bot for ${seconds} s`, Math.max(seconds, 1) * 1000);
      }
      const code = slackErrorCode(error);
      if (code && GONE.has(code)) throw new RecipientUnreachable(`Slack: ${code} in the LDG channel`);
      throw error;
    }
  }
}

function channelOf(address: Record<string, unknown>): string {
  const { channelId } = address;
  if (typeof channelId !== "string" || channelId === "") {
    throw new RecipientUnreachable("the LDG channel's Slack address is missing its channel");
  }
  return channelId;
}
