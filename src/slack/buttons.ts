// Button presses (block_actions): the action_id is the intent, the value its target. Acknowledged
// at once; then the core decides, and the card is replaced in place, a form opens, or details open
// in a modal for the presser alone. A press on the App Home refreshes the home instead.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { type Intent, isIntent } from "../chat/message.js";
import type { Reply } from "../chat/reply.js";
import type { Actor } from "../core/actor.js";
import { publishHome } from "./app-home.js";
import type { Origin } from "./form-metadata.js";
import { asRegisteredPerson, type SlackDeps } from "./handling.js";
import { OPEN_FORM_ACTION_ID, type ReplyPlace, showReply } from "./replies.js";

/**
 * `action.accept`, or `action.accept#2` where a card repeats an intent (block-kit.ts). Any dotted
 * id is taken here and checked against the one list of intents, so a new intent needs no change.
 */
const INTENT_ACTION_ID = /^[a-z]+\.[a-z]+(?:#\d+)?$/;

function intentOf(actionId: string): Intent | undefined {
  const intent = actionId.split("#")[0] ?? "";
  return isIntent(intent) ? intent : undefined;
}

/** Buttons whose form makes a new record: its card is posted beside the one pressed, not over it. */
const MAKES_A_NEW_CARD: readonly Intent[] = ["problem.task"];

/** Where the pressed button was: a message (edited in place), an ephemeral reply, or the App Home. */
function originOf(body: BlockAction, intent: Intent | undefined): Origin | "home" {
  if (body.view?.type === "home") return "home";
  if (body.container?.is_ephemeral && body.response_url) return { responseUrl: body.response_url };
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  if (!channel) return {};
  return ts && !(intent && MAKES_A_NEW_CARD.includes(intent)) ? { channel, ts } : { channel };
}

export function registerButtons(app: App, deps: SlackDeps): void {
  const press = (
    body: BlockAction,
    client: ReplyPlace["client"],
    intent: Intent | undefined,
    run: (actor: Actor) => Promise<Reply>,
  ) => {
    const where = originOf(body, intent);
    const place: ReplyPlace = {
      client,
      userId: body.user.id,
      triggerId: body.trigger_id,
      origin: where === "home" ? {} : where,
    };
    return asRegisteredPerson(deps, place, "button", async (actor) => {
      const reply = await run(actor);
      if (where === "home" && reply.kind === "update") {
        await publishHome(deps, client, body.user.id, actor);
        return;
      }
      await showReply(place, reply);
    });
  };

  app.action<BlockAction<ButtonAction>>(INTENT_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    const intent = intentOf(action.action_id);
    if (!intent) return;
    await press(body, client, intent, (actor) =>
      deps.services.interactions.press(actor, intent, action.value ?? ""),
    );
  });

  app.action<BlockAction<ButtonAction>>(OPEN_FORM_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    await press(body, client, undefined, (actor) =>
      deps.services.interactions.command(actor, action.value ?? ""),
    );
  });
}
