// Where a slash command was typed, for the commands about the conversation itself (`intake`):
// a direct message, a group DM, a problem's private channel, or a channel, and whether the bot is in
// that channel to post there.
import type { WebClient } from "@slack/web-api";
import type { ChatPlace } from "../chat/place.js";
import { slackErrorCode } from "./errors.js";
import type { SlackProblemChannels } from "./problem-channels.js";

/** `channelName` is the slash command's: "directmessage" in a DM, "mpdm-..." in a group DM. */
export async function slackPlace(
  client: WebClient,
  channelId: string,
  channelName: string,
  problemChannels: SlackProblemChannels | undefined,
): Promise<ChatPlace> {
  if (channelName === "directmessage") return { kind: "direct" };
  if (channelName.startsWith("mpdm-")) return { kind: "group" };
  if (await problemChannels?.isProblemChannel(channelId)) return { kind: "problem" };
  const channel = { kind: "channel", platform: "SLACK", address: { channelId } } as const;
  try {
    const info = await client.conversations.info({ channel: channelId });
    if (info.channel?.is_im) return { kind: "direct" };
    if (info.channel?.is_mpim) return { kind: "group" };
    return { ...channel, botIsMember: info.channel?.is_member === true };
  } catch (error) {
    // Slack hides a private channel from a bot that is not in it.
    if (slackErrorCode(error) === "channel_not_found") return { ...channel, botIsMember: false };
    throw error;
  }
}
