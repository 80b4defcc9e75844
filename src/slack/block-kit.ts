// The neutral ChatMessage as Slack Block Kit. Every piece of text goes through text.ts, so user
// text is escaped and every object stays within Slack's limits; a message that would pass 50
// blocks keeps its first blocks and its buttons, and says that the rest did not fit.
import type { ActionsBlock, KnownBlock, SectionBlock, Button as SlackButton } from "@slack/types";
import { type Block, type Button, type ChatMessage, chartAltText } from "../chat/message.js";
import { escapeMrkdwn, LIMITS, mrkdwn, plain, truncate } from "./text.js";

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: KnownBlock[];
}

const DID_NOT_FIT = "There was more than fits in one Slack message. Narrow the command down to see the rest.";

export function toSlackMessage(message: ChatMessage, maxBlocks: number = LIMITS.messageBlocks): SlackMessage {
  // The top-level text is parsed for mentions too (it is the notification), so it is escaped like blocks.
  return { text: mrkdwn(message.summary), blocks: toBlocks(message.blocks, maxBlocks) };
}

export function toBlocks(blocks: Block[], maxBlocks: number): KnownBlock[] {
  const rendered = blocks.flatMap(renderBlock);
  if (rendered.length <= maxBlocks) return rendered;
  const last = rendered[rendered.length - 1];
  const keepButtons = last?.type === "actions";
  const head = rendered.slice(0, maxBlocks - (keepButtons ? 2 : 1));
  return [...head, section(DID_NOT_FIT), ...(keepButtons && last ? [last] : [])];
}

function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn(text) } };
}

/** Long text becomes several sections, split at line ends where it can be. */
function sections(text: string): SectionBlock[] {
  const chunks: string[] = [];
  let rest = text;
  // Escaping can lengthen text; a margin keeps each chunk within the limit once escaped.
  const room = Math.floor(LIMITS.textObject / 2);
  while (rest.length > room) {
    const cut = rest.lastIndexOf("\n", room);
    const at = cut > room / 2 ? cut : room;
    chunks.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, "");
  }
  chunks.push(rest);
  return chunks.filter((chunk) => chunk.trim() !== "").map(section);
}

function renderBlock(block: Block): KnownBlock[] {
  switch (block.kind) {
    case "heading":
      return [{ type: "header", text: { type: "plain_text", text: plain(block.text, LIMITS.header) } }];
    case "text":
      return sections(block.text);
    case "divider":
      return [{ type: "divider" }];
    case "list":
      return block.items.length === 0 ? [] : sections(block.items.map((item) => `• ${item}`).join("\n"));
    case "facts": {
      const fields = block.facts.map((fact) => ({
        type: "mrkdwn" as const,
        text: `*${mrkdwn(fact.label, 100)}*\n${mrkdwn(fact.value, LIMITS.sectionField - 110)}`,
      }));
      const groups: SectionBlock[] = [];
      for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
        groups.push({ type: "section", fields: fields.slice(i, i + LIMITS.sectionFields) });
      }
      return groups;
    }
    case "buttons":
      return block.buttons.length === 0 ? [] : [buttons(block.buttons)];
    case "link": {
      // A link in words, not a URL button: Slack would post every press of one back to the bot.
      const url = escapeMrkdwn(block.url).replace(/\|/g, "%7C");
      return [{ type: "section", text: { type: "mrkdwn", text: `<${url}|${mrkdwn(block.label, 200)}>` } }];
    }
    case "chart":
      // The picture follows as a file where it can (charts.ts); the message says it in words.
      return sections(chartAltText(block));
  }
}

/** The action_id carries the intent (with a suffix if it repeats in the block) and the value its target. */
function buttons(list: Button[]): ActionsBlock {
  const seen = new Map<string, number>();
  const elements = list.slice(0, LIMITS.actionsElements).map((button): SlackButton => {
    const count = (seen.get(button.intent) ?? 0) + 1;
    seen.set(button.intent, count);
    return {
      type: "button",
      text: { type: "plain_text", text: plain(button.label, LIMITS.buttonText) },
      action_id: count === 1 ? button.intent : `${button.intent}#${count}`,
      value: truncate(button.target, LIMITS.buttonValue),
      ...(button.style ? { style: button.style } : {}),
    };
  });
  return { type: "actions", elements };
}
