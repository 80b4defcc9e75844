// The two shortcuts: "Raise a community problem" from anywhere, and "Raise a problem from this
// message", which fills the description with the message's text and a link back to it.
import type { App, MessageShortcut } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { asRegisteredPerson, type SlackDeps } from "./handling.js";
import { showReply } from "./replies.js";

export const RAISE_SHORTCUT = "raise_problem";
export const RAISE_FROM_MESSAGE_SHORTCUT = "raise_problem_from_message";

/** The raise form's description holds 4,000 characters; the link back must survive the cut. */
const DESCRIPTION_ROOM = 4000;

export function registerShortcuts(app: App, deps: SlackDeps): void {
  app.shortcut({ callback_id: RAISE_SHORTCUT, type: "shortcut" }, async ({ ack, body, client }) => {
    await ack();
    const place = { client, userId: body.user.id, triggerId: body.trigger_id, origin: {} };
    await asRegisteredPerson(deps, place, "raise shortcut", async (actor) => {
      await showReply(place, await deps.services.interactions.raiseForm(actor));
    });
  });

  app.shortcut<MessageShortcut>(
    { callback_id: RAISE_FROM_MESSAGE_SHORTCUT, type: "message_action" },
    async ({ ack, body, client }) => {
      await ack();
      const place = { client, userId: body.user.id, triggerId: body.trigger_id, origin: {} };
      await asRegisteredPerson(deps, place, "raise from message shortcut", async (actor) => {
        const description = await describeMessage(client, body);
        await showReply(place, await deps.services.interactions.raiseForm(actor, { description }));
      });
    },
  );
}

async function describeMessage(client: WebClient, body: MessageShortcut): Promise<string> {
  const permalink = await client.chat
    .getPermalink({ channel: body.channel.id, message_ts: body.message.ts })
    .then((result) => result.permalink)
    .catch(() => undefined);
  const link = permalink ? `\n\nFrom Slack: ${permalink}` : "";
  // Slack sends message text with &, < and > escaped; the form shows it as typed.
  const text = (body.message.text ?? "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
  const room = DESCRIPTION_ROOM - link.length;
  const cut = text.length > room ? `${text.slice(0, room - 1)}…` : text;
  return `${cut}${link}`.trim();
}
