// Email as a channel for the outbox: SMTP through nodemailer. Each message's buttons that email can
// do become signed, single-use, expiring links to the bot's own pages. A recipient the mail server
// refuses outright (a 5xx to RCPT TO) is recorded against their register entry and reported as
// unreachable, so the sender tells their coordinators; anything else is retried.
import nodemailer, { type Transporter } from "nodemailer";
import {
  type ChatPlatform,
  type OutboundMessage,
  type Recipient,
  RecipientUnreachable,
} from "../chat/platform.js";
import type { EmailConfig } from "../config.js";
import type { LinkIssuer } from "./link-issuer.js";
import type { EmailLinkStore } from "./link-store.js";
import { renderEmail } from "./render-email.js";

export interface EmailPlatformOptions {
  settings: Pick<EmailConfig, "from" | "linkDays">;
  transport: Transporter;
  links: EmailLinkStore;
  issuer: LinkIssuer;
  now?: () => Date;
}

export function createSmtpTransport(settings: EmailConfig): Transporter {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === "tls",
    requireTLS: settings.tls === "starttls",
    ignoreTLS: settings.tls === "none",
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.password } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

/** The server's reply when it refused the recipient for good, else null (a pause, or another fault). */
export function permanentRecipientRejection(error: unknown): string | null {
  const failure = error as { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown };
  const code = typeof failure?.responseCode === "number" ? failure.responseCode : 0;
  if (failure?.command !== "RCPT TO" || code < 500 || code > 599) return null;
  return typeof failure.response === "string" ? failure.response : String(code);
}

export class EmailPlatform implements ChatPlatform {
  readonly name = "EMAIL" as const;
  private readonly now: () => Date;

  private readonly issuer: LinkIssuer;

  constructor(private readonly options: EmailPlatformOptions) {
    this.now = options.now ?? (() => new Date());
    this.issuer = options.issuer;
  }

  /** Everyone in the register has an email; one a server has refused is not tried again. */
  canReach(recipient: Recipient): boolean {
    return recipient.email !== "" && !recipient.emailBouncedAt;
  }

  async send(recipient: Recipient, outbound: OutboundMessage): Promise<void> {
    const links = await this.issuer.forMessage(recipient.contactId, outbound.message);
    const email = renderEmail(
      outbound.message,
      (button) => links.get(button),
      "This email was sent by ldg-bot for your Local Delivery Group. Its links are for you alone: " +
        `each works once, for ${this.options.settings.linkDays} days.`,
    );
    const calendar = outbound.attachments?.find((file) => file.contentType.startsWith("text/calendar"));
    const others = outbound.attachments?.filter((file) => file !== calendar) ?? [];
    try {
      await this.options.transport.sendMail({
        from: this.options.settings.from,
        to: recipient.email,
        ...(outbound.deliveryId
          ? { messageId: messageIdFor(outbound.deliveryId, this.options.settings.from) }
          : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        // An invitation travels as the calendar part mail clients offer to accept or decline.
        ...(calendar
          ? {
              icalEvent: {
                filename: calendar.filename,
                method: /method=([A-Z]+)/.exec(calendar.contentType)?.[1] ?? "REQUEST",
                content: calendar.content,
              },
            }
          : {}),
        attachments: others.map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: file.content,
        })),
      });
    } catch (error) {
      const rejection = permanentRecipientRejection(error);
      if (rejection === null) throw error;
      await this.options.links.recordBounce(recipient.contactId, rejection, this.now());
      throw new RecipientUnreachable(`the mail server refused ${recipient.name}'s address`);
    }
  }
}

/**
 * The same outbox message always gets the same Message-ID, so a mail store that already holds it
 * can drop a second copy sent after a crash (SMTP offers no way to ask whether the first arrived).
 */
function messageIdFor(deliveryId: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "ldg-bot.invalid";
  return `<${deliveryId}@${domain}>`;
}
