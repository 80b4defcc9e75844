// `/ldg <command>`: acknowledged at once (Slack allows three seconds), then answered ephemerally
// through the response URL, or with a modal for the commands that open a form.
import type { App } from "@slack/bolt";
import { parseCommand } from "../core/commands/dispatch.js";
import { slackPlace } from "./command-place.js";
import { asRegisteredPerson, type SlackDeps } from "./handling.js";
import { showReply } from "./replies.js";

export const SLASH_COMMAND = "/ldg";

export function registerSlashCommand(app: App, deps: SlackDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, body, client }) => {
    await ack();
    const place = {
      client,
      userId: body.user_id,
      triggerId: body.trigger_id,
      origin: { responseUrl: body.response_url },
    };
    await asRegisteredPerson(deps, place, "slash command", async (actor) => {
      const typed = body.text ?? "";
      // Only `intake` is about the conversation itself; other commands skip the look-up.
      const where =
        parseCommand(typed).name === "intake"
          ? await slackPlace(client, body.channel_id, body.channel_name ?? "", deps.problemChannels)
          : undefined;
      await showReply(place, await deps.services.interactions.command(actor, typed, {}, where));
    });
  });
}
