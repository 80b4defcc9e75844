// The email channel as the running bot uses it: the SMTP platform for the outbox, and the handler
// for its links on the HTTP server, sharing one link secret and one store.
import type { Logger } from "pino";
import type { EmailConfig } from "../config.js";
import type { AppServices } from "../services.js";
import type { Store } from "../store/database.js";
import { PrismaEmailLinkStore } from "../store/email-repository.js";
import { PrismaRegisterRepository } from "../store/register-repository.js";
import { emailLinkHandler } from "./link-handler.js";
import { LinkIssuer } from "./link-issuer.js";
import { localLinkSecret } from "./link-secret.js";
import { createSmtpTransport, EmailPlatform } from "./platform.js";

export function createEmailChannel(
  settings: EmailConfig,
  databaseUrl: string,
  store: Store,
  services: AppServices,
  logger: Logger,
) {
  // Only local mode may leave LINK_SECRET unset (config.ts): it gets one kept beside its database.
  const linkSecret = settings.linkSecret ?? localLinkSecret(databaseUrl);
  const links = new PrismaEmailLinkStore(store);
  const transport = createSmtpTransport(settings);
  const register = new PrismaRegisterRepository(store);
  const issuer = new LinkIssuer(links, { ...settings, linkSecret }, services.now);
  return {
    platform: new EmailPlatform({ settings, transport, links, issuer, now: services.now }),
    linkHandler: emailLinkHandler({
      linkSecret,
      links,
      issuer,
      interactions: services.interactions,
      actions: services.actions,
      meetings: services.meetings,
      registerChecks: services.registerChecks,
      findContact: (id) => register.findContactById(id),
      now: services.now,
      logger,
    }),
    close: () => transport.close(),
  };
}
