// How each kind of Reply looks in Teams: as a new message when someone typed a command, or as the
// card that replaces the pressed one when someone pressed a button or submitted a form.
import type { Intent } from "../chat/message.js";
import type { Reply } from "../chat/reply.js";
import { HIDE_DETAILS_VERB } from "./card-action.js";
import { formCard } from "./form-card.js";
import { type CardActivity, cardActivity, messageCard, renderMessage } from "./render.js";

/** Presses that only read, so Teams may repeat them to refresh a user-specific view. */
const READ_ONLY_INTENTS: ReadonlySet<Intent> = new Set(["problem.details"]);

const PRIVATE_IN_SHARED_CHAT = "That is for you only, so I won't show it here. Ask me in our personal chat.";

type Outgoing = { text: string } | CardActivity;

/** The answer to a typed command, posted into the conversation it was typed in. */
export function replyActivity(reply: Reply, inPersonalChat: boolean): Outgoing {
  switch (reply.kind) {
    case "message":
    case "update":
      return renderMessage(reply.message);
    case "private":
      return inPersonalChat ? renderMessage(reply.message) : { text: PRIVATE_IN_SHARED_CHAT };
    case "form":
      return cardActivity(formCard(reply.form), reply.form.title);
    case "invalid":
      return cardActivity(formCard(reply.form, reply), reply.summary);
  }
}

/** Who pressed what, so a user-specific view can be refreshed for that person alone. */
export interface Pressed {
  userId: string;
  intent?: Intent;
  target?: string;
}

/**
 * The card that replaces the pressed one, for the presser only (an invoke response reaches no one
 * else). Details also carry `refresh.userIds` with the presser alone, so Teams keeps that view for
 * them, fetched again through the access check, while everyone else keeps the shared card.
 */
export function invokeCard(reply: Reply, pressed: Pressed): Record<string, unknown> {
  switch (reply.kind) {
    case "update":
    case "message":
      return messageCard(reply.message);
    case "form":
      return formCard(reply.form);
    case "invalid":
      return formCard(reply.form, reply);
    case "private": {
      const card = messageCard(reply.message);
      if (!pressed.intent || !READ_ONLY_INTENTS.has(pressed.intent)) return card;
      const target = { target: pressed.target };
      const again = { type: "Action.Execute", verb: pressed.intent, data: target };
      const hide = { type: "Action.Execute", title: "Hide details", verb: HIDE_DETAILS_VERB, data: target };
      return { ...card, actions: [hide], refresh: { action: again, userIds: [pressed.userId] } };
    }
  }
}
