// Slack as a channel for the outbox: a direct message from the bot, with any calendar file
// uploaded into the same DM. Someone with no Slack user yet is looked up by email (and linked).
// A 429 pauses every Slack send until Slack's Retry-After has passed; the outbox retries them then.
// Each DM carries its outbox id as message metadata, so a send cut off by a crash can be looked for
// in the DM's history before it is sent again.
import type { WebClient } from "@slack/web-api";
import {
  type ChatPlatform,
  type OutboundMessage,
  type Recipient,
  RecipientUnreachable,
  RetryLater,
} from "../chat/platform.js";
import { toSlackMessage } from "./block-kit.js";
import { uploadCharts } from "./charts.js";
import { deliveryMetadata, findDelivered } from "./delivery-metadata.js";
import { retryAfterSeconds, slackErrorCode } from "./errors.js";

/** Slack's answers that mean this person will never get the message there. */
const UNREACHABLE = new Set([
  "users_not_found",
  "user_not_found",
  "user_disabled",
  "account_inactive",
  "cannot_dm_bot",
  "user_not_visible",
]);

export interface SlackPlatformOptions {
  /** A client that rejects rate-limited calls at once (rejectRateLimitedCalls), so the outbox decides. */
  client: WebClient;
  /** Links a Slack user found by email to their register entry, so the next send skips the look-up. */
  link(userId: string, email: string): Promise<unknown>;
  now?: () => Date;
}

export class SlackPlatform implements ChatPlatform {
  readonly name = "SLACK" as const;
  private pausedUntil = 0;
  private readonly now: () => Date;

  constructor(private readonly options: SlackPlatformOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Anyone with a linked Slack user, or an email Slack may know them by. */
  canReach(recipient: Recipient): boolean {
    return recipient.slackUserId !== null || recipient.email !== "";
  }

  async send(recipient: Recipient, outbound: OutboundMessage): Promise<void> {
    const wait = this.pausedUntil - this.now().getTime();
    if (wait > 0) throw new RetryLater("Slack asked for a pause (rate limited)", wait);
    try {
      await this.deliver(recipient, outbound);
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds !== undefined) {
        const waitMs = Math.max(seconds, 1) * 1000;
        this.pausedUntil = this.now().getTime() + waitMs;
        throw new RetryLater(`Slack rate limited the bot for ${seconds} s`, waitMs);
      }
      const code = slackErrorCode(error);
      if (code && UNREACHABLE.has(code)) throw new RecipientUnreachable(`Slack: ${code}`);
      throw error;
    }
  }

  /** Looks in the DM for the message carrying `deliveryId`, sent on or after `since`. */
  async wasDelivered(recipient: Recipient, deliveryId: string, since: Date): Promise<boolean> {
    const channel = await this.directMessageChannel(recipient);
    return (await findDelivered(this.options.client, { channel, deliveryId, since })) !== null;
  }

  private async deliver(recipient: Recipient, outbound: OutboundMessage): Promise<void> {
    const { client } = this.options;
    const channel = await this.directMessageChannel(recipient);
    const metadata = outbound.deliveryId ? deliveryMetadata(outbound.deliveryId) : {};
    await client.chat.postMessage({ channel, ...toSlackMessage(outbound.message), ...metadata });
    await uploadCharts(client, channel, outbound.message);
    for (const attachment of outbound.attachments ?? []) {
      await client.files.uploadV2({
        channel_id: channel,
        filename: attachment.filename,
        title: attachment.filename,
        content: attachment.content,
      });
    }
  }

  private async directMessageChannel(recipient: Recipient): Promise<string> {
    const userId = recipient.slackUserId ?? (await this.findByEmail(recipient));
    const opened = await this.options.client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error("Slack opened no direct message channel");
    return channel;
  }

  private async findByEmail(recipient: Recipient): Promise<string> {
    const found = await this.options.client.users.lookupByEmail({ email: recipient.email });
    const userId = found.user?.id;
    if (!userId) throw new RecipientUnreachable("Slack: no user with that email");
    await this.options.link(userId, recipient.email);
    return userId;
  }
}
