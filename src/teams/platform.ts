// Teams as a channel for the outbox: a proactive message into the person's personal chat with the
// bot, through the conversation reference saved when they last spoke to it or installed it.
import type { CloudAdapter, ConversationReference } from "botbuilder";
import type { ChatPlatform, OutboundMessage, Recipient } from "../chat/platform.js";
import { RecipientUnreachable } from "../chat/platform.js";
import type { ChartPublisher } from "./chart-images.js";
import { renderMessage } from "./render.js";

export interface ConversationReferences {
  save(contactId: string, reference: object): Promise<void>;
  find(contactId: string): Promise<object | null>;
}

export class TeamsPlatform implements ChatPlatform {
  readonly name = "TEAMS" as const;

  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty in local mode, where the playground needs none. */
    private readonly appId: string,
    private readonly references: ConversationReferences,
    /** Stores charts as pictures Teams can show; without it, charts are sent as words. */
    private readonly charts?: ChartPublisher,
  ) {}

  canReach(recipient: Recipient): boolean {
    return recipient.teamsUserId !== null;
  }

  async send(recipient: Recipient, outbound: OutboundMessage): Promise<void> {
    const reference = await this.references.find(recipient.contactId);
    if (!reference) {
      throw new RecipientUnreachable(
        `${recipient.name} has not installed ldg-bot in Teams or spoken to it yet, so it cannot write to them there`,
      );
    }
    // Calendar files cannot ride on a Teams bot message; the card carries the time and place.
    const message = this.charts ? await this.charts.publish(outbound.message) : outbound.message;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivity(renderMessage(message));
        },
      );
    } catch (error) {
      if (isGone(error)) {
        throw new RecipientUnreachable(
          `${recipient.name} has removed ldg-bot in Teams, or left the organisation`,
        );
      }
      throw error;
    }
  }
}

/** Teams answers 403 (the bot is no longer in the conversation) or 404 (no such conversation). */
function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return status === 403 || status === 404;
}
