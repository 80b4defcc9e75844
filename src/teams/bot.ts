// The Teams bot: typed commands in, answers out, for the person behind the Teams account.
import { ActivityHandler, TeamsInfo, TurnContext as Turn, type TurnContext } from "botbuilder";
import type { Logger } from "pino";
import { textMessage } from "../chat/message.js";
import { actorFromContact } from "../core/actor.js";
import { type CommandServices, runCommand } from "../core/commands/dispatch.js";
import type { Contact } from "../core/register/model.js";
import type { ConversationReferences } from "./platform.js";
import { renderReply } from "./render.js";

export interface TeamsBotOptions {
  services: CommandServices;
  references: ConversationReferences;
  logger: Logger;
  /** Local mode only: whom the playground's mock user acts as when they are not in the register. */
  localUserEmail?: string;
}

const NOT_IN_REGISTER =
  "I can't find you in the Local Delivery Group's register, so I can't help yet. " +
  "Ask your area's LDG coordinator to add you (with the email address you use for Teams), then say hello again.";

export class TeamsBot extends ActivityHandler {
  constructor(private readonly options: TeamsBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((member) => member.id !== botId)) {
        await context.sendActivity(
          "Hello, I'm ldg-bot. I keep your Local Delivery Group's register of contacts. Type \"help\" to see what I can do.",
        );
      }
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = Turn.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
    const contact = await this.identify(context);
    if (!contact) {
      await context.sendActivity(renderReply(textMessage(NOT_IN_REGISTER)));
      return;
    }
    await this.rememberConversation(context, contact);
    const reply = await runCommand({ ...this.options.services, actor: actorFromContact(contact) }, text);
    await context.sendActivity(renderReply(reply));
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
    if (context.activity.conversation.conversationType !== "personal") return;
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
