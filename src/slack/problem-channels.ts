// A convened problem's private Slack channel (ProblemConversations for Slack): named from the
// reference (CRA-2026-0042 -> #ldg-cra-2026-0042), its members' Slack users invited, and the
// problem card (headlines only) posted and pinned. Creating the channel is quick and happens while
// the coordinator waits; inviting, posting and pinning run after, so the modal closes within
// Slack's three seconds. Convening again only invites whoever is new.
import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { ChatMessage } from "../chat/message.js";
import { problemCard } from "../core/interactions/cards.js";
import type { ConversationProblem, ProblemConversations } from "../core/meetings/conversation.js";
import type { PrismaSlackChannels } from "../store/slack-channel-repository.js";
import type { PrismaWorkflowRepository } from "../store/workflow-repository.js";
import { toSlackMessage } from "./block-kit.js";
import { slackErrorCode } from "./errors.js";

/** Channel names: lower case, 80 characters at most, letters, digits, hyphens and underscores. */
export function channelName(ref: string, attempt = 1): string {
  const base = `ldg-${ref.toLowerCase().replace(/[^a-z0-9_-]/g, "-")}`.slice(0, 76);
  return attempt === 1 ? base : `${base}-${attempt}`;
}

export interface ProblemChannelsOptions {
  /** Creates the channel while the coordinator waits: fails fast. */
  quickClient: WebClient;
  /** Invites, posts and pins after the coordinator's modal has closed. */
  client: WebClient;
  channels: PrismaSlackChannels;
  workflow: PrismaWorkflowRepository;
  /** Links a Slack user found by email to their register entry. */
  link(userId: string, email: string): Promise<unknown>;
  logger: Logger;
}

export class SlackProblemChannels implements ProblemConversations {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: ProblemChannelsOptions) {}

  async open(
    problem: ConversationProblem,
    members: { contactId: string }[],
  ): Promise<{ conversationId: string }> {
    const existing = await this.options.channels.find(problem.ref);
    const channelId = existing?.channelId ?? (await this.create(problem.ref));
    const work = this.furnish(problem.ref, channelId, members, existing?.cardTs ?? null).catch(
      (error: unknown) =>
        this.options.logger.error(
          { err: error, ref: problem.ref },
          "could not finish the problem's Slack channel",
        ),
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return { conversationId: channelId };
  }

  /** Replaces the problem's pinned card, if it has a channel and a card there, with `card`. */
  async refreshCard(ref: string, card: ChatMessage): Promise<void> {
    const channel = await this.options.channels.find(ref);
    if (!channel?.cardTs) return;
    await this.options.quickClient.chat.update({
      channel: channel.channelId,
      ts: channel.cardTs,
      ...toSlackMessage(card),
    });
  }

  /** Whether the channel is a problem's private channel. */
  async isProblemChannel(channelId: string): Promise<boolean> {
    return (await this.options.channels.findByChannel(channelId)) !== null;
  }

  /** Resolves once every channel being furnished is done (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** A name left by an earlier attempt (or a person) is not reused: the next free suffix is. */
  private async create(ref: string): Promise<string> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        const created = await this.options.quickClient.conversations.create({
          name: channelName(ref, attempt),
          is_private: true,
        });
        const channelId = created.channel?.id;
        if (!channelId) throw new Error("Slack created no channel");
        await this.options.channels.save({ problemRef: ref, channelId, cardTs: null });
        return channelId;
      } catch (error) {
        if (slackErrorCode(error) !== "name_taken") throw error;
      }
    }
    throw new Error(`every Slack channel name for ${ref} is taken`);
  }

  private async furnish(
    ref: string,
    channelId: string,
    members: { contactId: string }[],
    cardTs: string | null,
  ) {
    const { client, channels } = this.options;
    for (const { contactId } of members) {
      // One partner Slack cannot find or invite must not keep the others (or the card) out.
      try {
        const userId = await this.slackUserOf(contactId);
        if (userId) await client.conversations.invite({ channel: channelId, users: userId });
      } catch (error) {
        if (slackErrorCode(error) !== "already_in_channel") {
          this.options.logger.warn(
            { ref, contactId, err: error },
            "could not invite a partner to the problem's channel",
          );
        }
      }
    }
    if (cardTs) return;
    const problem = await this.options.workflow.findProblemByRef(ref);
    if (!problem) return;
    const posted = await client.chat.postMessage({
      channel: channelId,
      ...toSlackMessage(problemCard(problem, [])),
    });
    if (!posted.ts) return;
    await client.pins.add({ channel: channelId, timestamp: posted.ts });
    await channels.save({ problemRef: ref, channelId, cardTs: posted.ts });
  }

  /** The contact's linked Slack user, else the one with their email in this workspace (then linked). */
  private async slackUserOf(contactId: string): Promise<string | null> {
    const contact = await this.options.workflow.findContact(contactId);
    if (!contact || contact.retiredAt) return null;
    if (contact.slackUserId) return contact.slackUserId;
    try {
      const found = await this.options.client.users.lookupByEmail({ email: contact.email });
      const userId = found.user?.id;
      if (!userId) return null;
      await this.options.link(userId, contact.email);
      return userId;
    } catch (error) {
      if (slackErrorCode(error) === "users_not_found") return null;
      throw error;
    }
  }
}
