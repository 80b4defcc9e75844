// Issues the signed links for a message's buttons: one EmailLink row each (what it does, for whom,
// until when), and the URL that carries its signed token. Emails use it, and so do the pages a link
// opens, so that someone who accepts by email is offered "Done" there and then.
import type { Button, ChatMessage } from "../chat/message.js";
import type { EmailLinkStore } from "./link-store.js";
import { LINK_INTENTS } from "./render-email.js";
import { newLinkId, signLinkToken } from "./signed-links.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Where the link pages are served on the bot's HTTP server. */
export const EMAIL_LINK_PATH = "/email/act/";

export interface LinkSettings {
  publicUrl: string;
  linkSecret: string;
  linkDays: number;
}

export class LinkIssuer {
  constructor(
    private readonly links: EmailLinkStore,
    private readonly settings: LinkSettings,
    private readonly now: () => Date,
  ) {}

  /** A new link for each button email can do, recorded before anyone can see it. */
  async forMessage(contactId: string, message: ChatMessage): Promise<Map<Button, string>> {
    const expiresAt = new Date(this.now().getTime() + this.settings.linkDays * DAY_MS);
    const issued = message.blocks
      .flatMap((block) => (block.kind === "buttons" ? block.buttons : []))
      .filter((button) => LINK_INTENTS.has(button.intent))
      .map((button) => ({
        button,
        link: { id: newLinkId(), contactId, intent: button.intent, target: button.target, expiresAt },
      }));
    await this.links.issue(issued.map(({ link }) => link));
    return new Map(
      issued.map(({ button, link }) => [
        button,
        `${this.settings.publicUrl}${EMAIL_LINK_PATH}${signLinkToken(this.settings.linkSecret, link.id)}`,
      ]),
    );
  }
}
