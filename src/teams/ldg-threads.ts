// Teams' side of an area's LDG channel: a problem's headline card as a new post in the team channel
// (a new conversation in it, as Bot Framework starts a channel thread), and the news of its life as
// replies in that post's thread (its conversation id, which Teams gives as `<channel>;messageid=<post>`).
import {
  type Activity,
  ActivityTypes,
  Channels,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from "botbuilder";
import type { ChannelThreads } from "../chat/channel-threads.js";
import type { ChatMessage } from "../chat/message.js";
import { RecipientUnreachable } from "../chat/platform.js";
import { renderMessage } from "./render.js";

/** What `intake threads` stores for a team channel: its id and the conversation reference it was typed in. */
export interface TeamsChannelAddress {
  teamsChannelId: string;
  reference: Partial<ConversationReference>;
}

/** The address of the team channel the activity came from, or null outside a team channel. */
export function teamsChannelAddress(
  reference: Partial<ConversationReference>,
  teamsChannelId: string | null,
): TeamsChannelAddress | null {
  const conversationId = reference.conversation?.id;
  if (!teamsChannelId || !conversationId || !reference.conversation) return null;
  // A mention arrives in the thread it was typed in: the channel itself is the part before ";messageid=".
  // The mention's own id is left out too, so that later posts answer nobody's message in particular.
  const channelConversationId = conversationId.split(";messageid=")[0] as string;
  const { activityId: _mention, ...channel } = reference;
  return {
    teamsChannelId,
    reference: { ...channel, conversation: { ...reference.conversation, id: channelConversationId } },
  };
}

export class TeamsLdgThreads implements ChannelThreads {
  readonly platform = "TEAMS" as const;

  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty in local mode. */
    private readonly appId: string,
  ) {}

  async start(address: Record<string, unknown>, message: ChatMessage): Promise<string> {
    const { teamsChannelId, reference } = addressOf(address);
    const serviceUrl = reference.serviceUrl;
    if (!serviceUrl) throw new RecipientUnreachable("the LDG channel's Teams address has no service URL");
    const tenantId = reference.conversation?.tenantId;
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: teamsChannelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      // Sent as it is (no turn fills in its type), so it says it is a message.
      activity: { type: ActivityTypes.Message, ...renderMessage(message) } as Activity,
      ...(tenantId ? { tenantId } : {}),
    } as ConversationParameters;
    let thread: string | undefined;
    await this.whileThere(() =>
      this.adapter.createConversationAsync(
        this.appId,
        Channels.Msteams,
        serviceUrl,
        // No audience: the cloud's default, as botbuilder's own sendMessageToTeamsChannel passes it.
        null as unknown as string,
        parameters,
        async (context) => {
          thread = context.activity.conversation.id;
        },
      ),
    );
    if (!thread) throw new Error("Teams started no thread in the LDG channel");
    return thread;
  }

  async reply(address: Record<string, unknown>, anchor: string, message: ChatMessage): Promise<void> {
    const { reference } = addressOf(address);
    const inThread = { ...reference, conversation: { ...reference.conversation, id: anchor } };
    await this.whileThere(() =>
      this.adapter.continueConversationAsync(
        this.appId,
        inThread as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivity(renderMessage(message));
        },
      ),
    );
  }

  /** Teams answers 403 when the bot has left the team, 404 when the channel has gone. */
  private async whileThere(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const status = (error as { statusCode?: unknown })?.statusCode;
      if (status === 403 || status === 404) {
        throw new RecipientUnreachable("Teams: ldg-bot is no longer in the LDG channel, or it has gone");
      }
      throw error;
    }
  }
}

function addressOf(address: Record<string, unknown>): TeamsChannelAddress {
  const { teamsChannelId, reference } = address as Partial<TeamsChannelAddress>;
  if (typeof teamsChannelId !== "string" || typeof reference !== "object" || reference === null) {
    throw new RecipientUnreachable("the LDG channel's Teams address is incomplete");
  }
  return { teamsChannelId, reference };
}
