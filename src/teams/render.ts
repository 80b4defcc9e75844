// Renders the neutral message model for Teams: plain text for one line, else an Adaptive Card
// from the generic message template (adaptive-cards/message.json).
import { type Attachment, CardFactory } from "botbuilder";
import type { Block, ChatMessage } from "../chat/message.js";
import { expandCard } from "./templates.js";

/** Dividers become a separator line above the next block, as Adaptive Cards draw them. */
function templateBlocks(blocks: Block[]): (Block & { separator: boolean })[] {
  const shown: (Block & { separator: boolean })[] = [];
  let separator = false;
  for (const block of blocks) {
    if (block.kind === "divider") {
      separator = shown.length > 0;
      continue;
    }
    shown.push({ ...block, separator });
    separator = false;
  }
  return shown;
}

export function renderCard(message: ChatMessage): Attachment {
  return CardFactory.adaptiveCard(expandCard("message", { blocks: templateBlocks(message.blocks) }));
}

export function renderReply(
  message: ChatMessage,
): { text: string } | { attachments: Attachment[]; text: string } {
  const [only] = message.blocks;
  if (message.blocks.length === 1 && only?.kind === "text") return { text: only.text };
  return { attachments: [renderCard(message)], text: message.summary };
}
