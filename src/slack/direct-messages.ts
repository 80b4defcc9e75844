// Commands typed to the bot in its DM (message.im): the same words as `/ldg`, answered in the DM.
import type { App } from "@slack/bolt";
import { asRegisteredPerson, type SlackDeps } from "./handling.js";
import { type ReplyPlace, showReply } from "./replies.js";

export function registerDirectMessages(app: App, deps: SlackDeps): void {
  app.event("message", async ({ event, client }) => {
    // Only people's own new messages in a DM: not edits, joins, or bots (this one included).
    if (event.channel_type !== "im" || event.subtype !== undefined || !("user" in event) || !event.user)
      return;
    if ("bot_id" in event && event.bot_id) return;
    const typed = event.text ?? "";
    const place: ReplyPlace = {
      client,
      userId: event.user,
      origin: { channel: event.channel, ts: event.ts },
      typed,
    };
    await asRegisteredPerson(deps, place, "direct message", async (actor) => {
      await showReply(place, await deps.services.interactions.command(actor, typed));
    });
  });
}
