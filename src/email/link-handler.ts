// Serves the signed links in emails on the bot's HTTP server. GET only shows: mail scanners fetch
// links before people click them, so opening a link never changes anything. POST does it, through
// the same Interactions as a button in chat, as the person the link was issued to, so the same
// access checks apply. A link is claimed before the work and given back if nothing was done.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Button, Intent } from "../chat/message.js";
import type { Reply } from "../chat/reply.js";
import type { Actions } from "../core/actions/actions.js";
import { type Actor, actorFromContact } from "../core/actor.js";
import { UserFacingError } from "../core/errors.js";
import { actionCard } from "../core/interactions/cards.js";
import type { Interactions } from "../core/interactions/interactions.js";
import { meetingTime, pollCard, pollViewFor } from "../core/interactions/meeting-cards.js";
import type { Meetings } from "../core/meetings/meetings.js";
import type { RegisterChecks } from "../core/register/checks.js";
import type { Contact } from "../core/register/model.js";
import { BodyTooLarge, readBody } from "../http/body.js";
import type { Handler } from "../http/server.js";
import { EMAIL_LINK_PATH, type LinkIssuer } from "./link-issuer.js";
import {
  confirmPage,
  formPage,
  LINK_EXPIRED,
  LINK_NOT_VALID,
  LINK_USED,
  messagePage,
  notice,
  type Page,
  postedValues,
  resultPage,
} from "./link-pages.js";
import type { EmailLinkStore, IssuedLink } from "./link-store.js";
import { LINK_INTENTS } from "./render-email.js";
import { verifyLinkToken } from "./signed-links.js";

const MAX_FORM_BYTES = 64 * 1024;

export interface EmailLinkHandlerOptions {
  linkSecret: string;
  links: EmailLinkStore;
  /** Offers the next steps on a result page as fresh links (accepted: add update, done). */
  issuer: LinkIssuer;
  interactions: Pick<Interactions, "press" | "submit">;
  actions: Pick<Actions, "get">;
  meetings: Pick<Meetings, "ofSlot">;
  registerChecks: Pick<RegisterChecks, "view">;
  findContact(id: string): Promise<Contact | null>;
  now(): Date;
  logger: Logger;
}

type Opened = { page: Page } | { link: IssuedLink; actor: Actor };

const NOT_YOURS = notice(
  403,
  "This link can no longer be used",
  "The person it was sent to has left the register, so nothing has been done.",
);

/** Register check answers that act at once: opening the link asks first, as accepting an action does. */
const CHECK_QUESTIONS: Partial<Record<Intent, { question: string; submitLabel: string }>> = {
  "register.confirm": { question: "Confirm you are still the contact?", submitLabel: "Confirm" },
  "register.accept": { question: "Confirm you are the new contact?", submitLabel: "Confirm" },
  "register.refuse": { question: "Tell the coordinator this is not you?", submitLabel: "That's not me" },
};

const TOO_LARGE = notice(413, "That was too much to send", "Shorten what you wrote and try again.");

function sendPage(response: ServerResponse, page: Page): void {
  response.writeHead(page.status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    // The link is a key: no other site may see it as a referrer, frame the page or run anything on it.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  response.end(page.html);
}

/** What a reply looks like as a page, and whether it means the work was done. */
function replyPage(
  reply: Reply,
  postTo: string,
  nextLinks: Map<Button, string> = new Map(),
): { page: Page; done: boolean } {
  switch (reply.kind) {
    case "update":
      return { page: resultPage(reply.message, nextLinks), done: true };
    case "invalid":
      return { page: formPage(reply.form, postTo, reply), done: false };
    case "form":
      return { page: formPage(reply.form, postTo, undefined), done: false };
    case "message":
    case "private":
      return { page: messagePage(200, reply.message), done: false };
  }
}

export function emailLinkHandler(options: EmailLinkHandlerOptions): Handler {
  const open = async (token: string): Promise<Opened> => {
    const id = verifyLinkToken(options.linkSecret, token);
    const link = id === null ? null : await options.links.find(id);
    if (!link || !LINK_INTENTS.has(link.intent)) return { page: LINK_NOT_VALID };
    if (link.usedAt) return { page: LINK_USED };
    if (link.expiresAt.getTime() <= options.now().getTime()) return { page: LINK_EXPIRED };
    const contact = await options.findContact(link.contactId);
    if (!contact || contact.retiredAt) return { page: NOT_YOURS };
    return { link, actor: actorFromContact(contact) };
  };

  const show = async (link: IssuedLink, actor: Actor, postTo: string): Promise<Page> => {
    if (link.intent === "action.accept") {
      const { action, problem } = await options.actions.get(actor, link.target);
      return confirmPage(actionCard(problem, action), "Accept this action?", "Accept", postTo);
    }
    if (link.intent === "meeting.can" || link.intent === "meeting.cannot") {
      const meeting = await options.meetings.ofSlot(actor, link.target);
      const slot = meeting.slots.find((candidate) => candidate.id === link.target);
      const when = slot ? meetingTime(slot.startsAt) : "this time";
      const can = link.intent === "meeting.can";
      const card = pollCard(pollViewFor(meeting, actor.contactId));
      return can
        ? confirmPage(card, `Can you make ${when}?`, "I can make it", postTo)
        : confirmPage(card, `You can't make ${when}?`, "I can't make it", postTo);
    }
    const check = CHECK_QUESTIONS[link.intent];
    if (check) {
      const card = await options.registerChecks.view(actor, link.target);
      return confirmPage(card, check.question, check.submitLabel, postTo);
    }
    // Pressing a button that opens a form only builds the form: nothing changes yet.
    return replyPage(await options.interactions.press(actor, link.intent, link.target), postTo).page;
  };

  /** The work itself; `done` says whether anything changed, so the link stays used. */
  const perform = async (link: IssuedLink, actor: Actor, posted: URLSearchParams, postTo: string) => {
    const pressed = await options.interactions.press(actor, link.intent, link.target);
    const reply =
      pressed.kind === "form"
        ? await options.interactions.submit(
            actor,
            pressed.form.id,
            pressed.form.context,
            postedValues(pressed.form, posted),
          )
        : pressed;
    const next =
      reply.kind === "update" ? await options.issuer.forMessage(link.contactId, reply.message) : undefined;
    return replyPage(reply, postTo, next);
  };

  return async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "").split("?")[0] ?? "";
    const token = path.slice(EMAIL_LINK_PATH.length);
    const opened = await open(token);
    if ("page" in opened) {
      sendPage(response, opened.page);
      return;
    }
    const { link, actor } = opened;
    const postTo = `${EMAIL_LINK_PATH}${token}`;
    try {
      if (request.method !== "POST") {
        sendPage(response, await show(link, actor, postTo));
        return;
      }
      let posted: URLSearchParams;
      try {
        posted = new URLSearchParams((await readBody(request, MAX_FORM_BYTES)).toString("utf8"));
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        sendPage(response, TOO_LARGE);
        return;
      }
      // Claimed first, so two posts of one link (a double click, two tabs) do it once.
      if (!(await options.links.claim(link.id, options.now()))) {
        sendPage(response, link.expiresAt.getTime() <= options.now().getTime() ? LINK_EXPIRED : LINK_USED);
        return;
      }
      let outcome: ReturnType<typeof replyPage>;
      try {
        outcome = await perform(link, actor, posted, postTo);
      } catch (error) {
        await options.links.release(link.id);
        throw error;
      }
      if (!outcome.done) await options.links.release(link.id);
      options.logger.info({ intent: link.intent, done: outcome.done }, "email link used");
      sendPage(response, outcome.page);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      // Refused (no longer theirs to act on) or gone: say so; nothing was done.
      sendPage(response, notice(403, "This can't be done from this link", error.message));
    }
  };
}
