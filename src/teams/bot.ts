// The Teams bot: typed commands in, answers out, and presses on its cards' buttons answered by
// refreshing the card in place, all for the person behind the Teams account.
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  TeamsInfo,
  TurnContext as Turn,
  type TurnContext,
  teamsGetChannelId,
} from "botbuilder";
import type { Logger } from "pino";
import { textMessage } from "../chat/message.js";
import type { ChatPlace } from "../chat/place.js";
import type { Reply } from "../chat/reply.js";
import { type Actor, actorFromContact } from "../core/actor.js";
import type { Contact } from "../core/register/model.js";
import type { AppServices } from "../services.js";
import { type CardAction, readCardAction } from "./card-action.js";
import type { ChartPublisher } from "./chart-images.js";
import { teamsChannelAddress } from "./ldg-threads.js";
import type { ConversationReferences } from "./platform.js";
import { messageCard, renderMessage } from "./render.js";
import { invokeCard, type Pressed, replyActivity } from "./replies.js";

export interface TeamsBotOptions {
  services: Pick<AppServices, "register" | "interactions">;
  references: ConversationReferences;
  logger: Logger;
  /** Local mode only: whom the playground's mock user acts as when they are not in the register. */
  localUserEmail?: string;
  /** Stores charts as pictures Teams can show; without it, charts are answered in words. */
  charts?: ChartPublisher;
}

const NOT_IN_REGISTER =
  "I can't find you in the Local Delivery Group's register, so I can't help yet. " +
  "Ask your area's LDG coordinator to add you (with the email address you use for Teams), then say hello again.";

const OUT_OF_DATE =
  'This card is out of date, so nothing was changed. Type the command again (for example "actions") for a fresh one.';

const WENT_WRONG =
  "Sorry, something went wrong on my side, and nothing was changed. Please try again in a minute.";

const HELLO =
  "Hello, I'm ldg-bot. I keep your Local Delivery Group's register, its problems and their actions. " +
  'Type "help" to see what I can do.';

const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

export class TeamsBot extends ActivityHandler {
  constructor(private readonly options: TeamsBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some(
        (member) => member.id === context.activity.recipient.id,
      );
      if (isPersonal(context)) {
        // Installed in a personal chat: from now on proactive messages can reach this person.
        await context.sendActivity(HELLO);
        const contact = await this.identify(context);
        if (contact) await this.rememberConversation(context, contact);
      } else if (botAdded) {
        // In a team or group chat, hello once when the bot arrives, not each time someone joins.
        await context.sendActivity(HELLO);
      }
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    // In channels and group chats Teams passes on what mentions the bot; anything else is not for it.
    if (!isPersonal(context) && !mentionsBot(context)) return;
    const text = Turn.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
    const contact = await this.identify(context);
    if (!contact) {
      await context.sendActivity(renderMessage(textMessage(NOT_IN_REGISTER)));
      return;
    }
    await this.rememberConversation(context, contact);
    const reply = await this.options.services.interactions.command(
      actorFromContact(contact),
      text,
      {},
      placeOf(context),
    );
    const { charts } = this.options;
    const shown =
      charts && (reply.kind === "message" || reply.kind === "private")
        ? { ...reply, message: await charts.publish(reply.message) }
        : reply;
    await context.sendActivity(replyActivity(shown, isPersonal(context)));
  }

  /** An Action.Execute on one of the bot's cards: the answer is the card that takes its place. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const respond = (card: Record<string, unknown>) => ({
      statusCode: 200,
      type: ADAPTIVE_CARD,
      value: card,
    });
    try {
      const contact = await this.identify(context);
      if (!contact) return respond(messageCard(textMessage(NOT_IN_REGISTER)));
      const action = readCardAction(invoke.action.verb, invoke.action.data);
      if (!action) return respond(messageCard(textMessage(OUT_OF_DATE)));

      const actor = actorFromContact(contact);
      const reply = await this.perform(actor, action);
      const pressed: Pressed = {
        userId: context.activity.from.id,
        ...(action.kind === "press" ? { intent: action.intent, target: action.target } : {}),
      };
      const card = invokeCard(reply, pressed);
      await this.showEveryone(context, reply, card);
      return respond(card);
    } catch (error) {
      this.options.logger.error({ err: error, verb: invoke.action.verb }, "Teams card action failed");
      return respond(messageCard(textMessage(WENT_WRONG)));
    }
  }

  private async perform(actor: Actor, action: CardAction): Promise<Reply> {
    const { interactions } = this.options.services;
    switch (action.kind) {
      case "press":
        return interactions.press(actor, action.intent, action.target);
      case "submit":
        return interactions.submit(actor, action.formId, action.context, action.values);
      case "hide-details":
        return interactions.command(actor, `problem ${action.ref}`);
    }
  }

  /**
   * The invoke response reaches only the presser; in a shared conversation a changed record is
   * written onto the card itself, so everyone there sees it as it is now.
   */
  private async showEveryone(context: TurnContext, reply: Reply, card: Record<string, unknown>) {
    const cardId = context.activity.replyToId;
    if (reply.kind !== "update" || isPersonal(context) || !cardId) return;
    try {
      await context.updateActivity({
        type: "message",
        id: cardId,
        attachments: [CardFactory.adaptiveCard(card)],
      });
    } catch (error) {
      this.options.logger.warn({ err: error }, "could not update the shared card");
    }
  }

  /** Finds the register entry: by the linked Teams id, else by the account's email (and links it). */
  private async identify(context: TurnContext): Promise<Contact | null> {
    const { services, logger, localUserEmail } = this.options;
    const { register } = services;
    const userId = context.activity.from.aadObjectId ?? context.activity.from.id;
    const linked = await register.findByChatUser("TEAMS", userId);
    if (linked) return linked;
    const email = await this.emailOf(context);
    const byEmail = email ? await register.linkChatUser("TEAMS", userId, email) : null;
    if (byEmail) return byEmail;
    // Local mode: the playground's mock user stands in for the demo coordinator, linked like anyone.
    if (localUserEmail) return register.linkChatUser("TEAMS", userId, localUserEmail);
    logger.info({ teamsUser: userId }, "Teams user not in the register");
    return null;
  }

  /** Saves where a proactive message to this person goes: their personal chat with the bot. */
  private async rememberConversation(context: TurnContext, contact: Contact): Promise<void> {
    if (!isPersonal(context)) return;
    await this.options.references.save(contact.id, Turn.getConversationReference(context.activity));
  }

  private async emailOf(context: TurnContext): Promise<string | undefined> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return member.email ?? member.userPrincipalName ?? undefined;
    } catch (error) {
      this.options.logger.debug({ err: error }, "could not read the Teams member's email");
      return undefined;
    }
  }
}

/** Where a command was typed: a team channel (with its address, for `intake threads`), a group chat or a personal chat. */
function placeOf(context: TurnContext): ChatPlace {
  const { conversationType } = context.activity.conversation;
  if (conversationType === "personal") return { kind: "direct" };
  const address =
    conversationType === "channel"
      ? teamsChannelAddress(
          Turn.getConversationReference(context.activity),
          teamsGetChannelId(context.activity),
        )
      : null;
  if (!address) return { kind: "group" };
  // Teams only passes on a channel's mentions of a bot that is in the team.
  return { kind: "channel", platform: "TEAMS", address: { ...address }, botIsMember: true };
}

function isPersonal(context: TurnContext): boolean {
  return context.activity.conversation.conversationType === "personal";
}

function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient.id;
  return (context.activity.entities ?? []).some(
    (entity) =>
      entity.type === "mention" && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}
