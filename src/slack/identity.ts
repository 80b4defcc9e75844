// Who a Slack user is in the register: by the Slack id linked before, else by the email on their
// Slack profile (users.info, which needs users:read.email), linked from then on.
import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { textMessage } from "../chat/message.js";
import type { Contact } from "../core/register/model.js";
import type { Register } from "../core/register/register.js";

export const NOT_IN_REGISTER = textMessage(
  "I can't find you in the Local Delivery Group's register, so I can't help yet. " +
    "Ask your area's LDG coordinator to add you with the email address you use for Slack, then try again.",
);

export class SlackIdentity {
  constructor(
    private readonly register: Register,
    private readonly logger: Logger,
  ) {}

  async contactFor(client: WebClient, userId: string): Promise<Contact | null> {
    const linked = await this.register.findByChatUser("SLACK", userId);
    if (linked) return linked;
    const email = await this.emailOf(client, userId);
    const contact = email ? await this.register.linkChatUser("SLACK", userId, email) : null;
    if (!contact) this.logger.info({ slackUser: userId }, "Slack user not in the register");
    return contact;
  }

  private async emailOf(client: WebClient, userId: string): Promise<string | undefined> {
    try {
      const { user } = await client.users.info({ user: userId });
      return user?.profile?.email ?? undefined;
    } catch (error) {
      this.logger.warn({ slackUser: userId, err: error }, "could not read the Slack user's email");
      return undefined;
    }
  }
}
