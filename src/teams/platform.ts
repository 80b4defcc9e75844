// Teams as a channel for the outbox: a proactive message into the person's personal chat with the
// bot, through the conversation reference saved when they last spoke to it or installed it.
import type { CloudAdapter, ConversationReference } from "botbuilder";
import type { ChatPlatform, OutboundMessage, Recipient } from "../chat/platform.js";
import { RecipientUnreachable } from "../chat/platform.js";
import type { CalendarLinks } from "./calendar-links.js";
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
    /**
     * Where Teams clients can fetch files from the bot (a public address is known): charts are
     * shown as pictures and calendar files offered by an "Add to calendar" link. Without it,
     * charts are sent as words and the card's time and place are all there is of a calendar file.
     */
    private readonly files?: { charts: ChartPublisher; calendars: CalendarLinks },
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
    // A Teams bot message cannot carry a file: its files go by address (see `files`).
    const message = this.files
      ? await this.files.calendars.add(
          await this.files.charts.publish(outbound.message),
          outbound.attachments,
        )
      : outbound.message;
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
