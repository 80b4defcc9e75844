// Shows the core's Reply in Slack, where the person asked: a form opens as a modal, an update
// replaces the card the button was on, a private answer opens as a modal only they see, and a
// plain answer goes back the way the request came (an ephemeral reply, or their DM with the bot).
import type { WebClient } from "@slack/web-api";
import type { ChatMessage } from "../chat/message.js";
import type { Reply } from "../chat/reply.js";
import { type SlackMessage, toSlackMessage } from "./block-kit.js";
import { uploadCharts } from "./charts.js";
import { encodeFormMetadata, type Origin } from "./form-metadata.js";
import { formModal, messageModal } from "./modal.js";
import { LIMITS, mrkdwn, truncate } from "./text.js";

/** A DM button that opens the form a typed command asked for (typed DMs carry no trigger_id). */
export const OPEN_FORM_ACTION_ID = "open_form";

export interface ReplyPlace {
  client: WebClient;
  userId: string;
  /** Present for commands, shortcuts and buttons: lets a modal open in the next three seconds. */
  triggerId?: string;
  origin: Origin;
  /** For a DM, the typed text, so the form it asked for can be opened from a button. */
  typed?: string;
}

export async function showReply(place: ReplyPlace, reply: Reply): Promise<void> {
  switch (reply.kind) {
    case "message":
      return answer(place, reply.message);
    case "update":
      return replaceCard(place, reply.message);
    case "private":
      if (place.triggerId) {
        await place.client.views.open({
          trigger_id: place.triggerId,
          view: messageModal(reply.message.summary, reply.message),
        });
        return;
      }
      return answer(place, reply.message);
    case "form":
      if (place.triggerId) {
        const metadata = encodeFormMetadata({
          form: reply.form.id,
          context: reply.form.context,
          origin: place.origin,
        });
        await place.client.views.open({ trigger_id: place.triggerId, view: formModal(reply.form, metadata) });
        return;
      }
      return offerForm(place, reply.form.title);
    case "invalid":
      // Only a modal's submission is answered with field errors; the submission handler shows them.
      return answer(place, { summary: reply.summary, blocks: [{ kind: "text", text: reply.summary }] });
  }
}

/**
 * An answer for the person alone: ephemeral where they typed the command, else in their DM with the
 * bot. Charts come as pictures in the DM only: a file cannot be ephemeral, so elsewhere they are words.
 */
export async function answer(place: ReplyPlace, message: ChatMessage): Promise<void> {
  const slack = toSlackMessage(message);
  if ("responseUrl" in place.origin) {
    await postToResponseUrl(place.origin.responseUrl, { response_type: "ephemeral", ...slack });
    return;
  }
  if ("channel" in place.origin && !isDirectMessage(place.origin.channel)) {
    await place.client.chat.postEphemeral({ channel: place.origin.channel, user: place.userId, ...slack });
    return;
  }
  const channel = await directChannel(place);
  await place.client.chat.postMessage({ channel, ...slack });
  await uploadCharts(place.client, channel, message);
}

/**
 * Replaces the card the request came from; posts a new card where the origin is a conversation
 * without a card to replace; with no origin at all, sends the card by DM.
 */
export async function replaceCard(place: ReplyPlace, message: ChatMessage): Promise<void> {
  const slack = toSlackMessage(message);
  const { origin } = place;
  if ("channel" in origin && origin.ts) {
    await place.client.chat.update({ channel: origin.channel, ts: origin.ts, ...slack });
  } else if ("channel" in origin) {
    await place.client.chat.postMessage({ channel: origin.channel, ...slack });
  } else if ("responseUrl" in origin) {
    // A response URL lasts 30 minutes; a form filled in more slowly gets its card by DM instead.
    const replaced = await postToResponseUrl(origin.responseUrl, { replace_original: true, ...slack }).then(
      () => true,
      () => false,
    );
    if (!replaced) await sendDirect(place, slack);
  } else {
    await sendDirect(place, slack);
  }
}

async function sendDirect(place: ReplyPlace, slack: SlackMessage): Promise<void> {
  await place.client.chat.postMessage({ channel: await directChannel({ ...place, origin: {} }), ...slack });
}

async function offerForm(place: ReplyPlace, title: string): Promise<void> {
  await place.client.chat.postMessage({
    channel: await directChannel(place),
    text: mrkdwn(title),
    blocks: [
      { type: "section", text: { type: "plain_text", text: truncate(title, LIMITS.header) } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open the form" },
            action_id: OPEN_FORM_ACTION_ID,
            value: truncate(place.typed ?? "", LIMITS.buttonValue),
            style: "primary",
          },
        ],
      },
    ],
  });
}

/** Slack's DM channel ids start with D; anything else may be seen by others. */
function isDirectMessage(channel: string): boolean {
  return channel.startsWith("D");
}

/** The DM the request came from, or the person's DM with the bot, opened if need be. */
async function directChannel(place: ReplyPlace): Promise<string> {
  if ("channel" in place.origin && isDirectMessage(place.origin.channel)) return place.origin.channel;
  const opened = await place.client.conversations.open({ users: place.userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error("Slack opened no direct message channel");
  return channel;
}

/** Response URLs take JSON posted with no token; they stay valid for 30 minutes. */
async function postToResponseUrl(responseUrl: string, body: object): Promise<void> {
  const response = await fetch(responseUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Slack's response URL answered ${response.status}`);
}
