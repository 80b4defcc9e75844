// Renders the neutral message model for Teams: plain text for one line, else an Adaptive Card
// from the generic message template (adaptive-cards/message.json). Buttons become Action.Execute
// with the button's intent as the verb, so a press comes back as an `adaptiveCard/action` invoke;
// a link becomes an Action.OpenUrl, which the Teams client opens itself.
import { type Attachment, CardFactory } from "botbuilder";
import { type Block, type Button, type ChatMessage, chartAltText } from "../chat/message.js";
import { escapeMarkdown } from "./markdown.js";
import { expandCard } from "./templates.js";

const ACTION_STYLES: Record<NonNullable<Button["style"]> | "none", string> = {
  primary: "positive",
  danger: "destructive",
  none: "default",
};

type TemplateBlock = { kind: Block["kind"]; separator: boolean } & Record<string, unknown>;

/** Dividers become a separator line above the next block, as Adaptive Cards draw them. */
function templateBlocks(blocks: Block[]): TemplateBlock[] {
  const shown: TemplateBlock[] = [];
  let separator = false;
  for (const block of blocks) {
    if (block.kind === "divider") {
      separator = shown.length > 0;
      continue;
    }
    shown.push({ ...escaped(block), separator });
    separator = false;
  }
  return shown;
}

/** Text shown in TextBlocks and FactSets escaped; button titles are plain text and keep theirs. */
function escaped(block: Exclude<Block, { kind: "divider" }>) {
  switch (block.kind) {
    case "heading":
    case "text":
      return { ...block, text: escapeMarkdown(block.text) };
    case "facts":
      return {
        ...block,
        facts: block.facts.map((fact) => ({
          label: escapeMarkdown(fact.label),
          value: escapeMarkdown(fact.value),
        })),
      };
    case "list":
      return { ...block, items: block.items.map(escapeMarkdown) };
    case "buttons":
      return {
        ...block,
        buttons: block.buttons.map((button) => ({ ...button, style: ACTION_STYLES[button.style ?? "none"] })),
      };
    case "link":
      // The label is a button title: plain text, like the buttons'.
      return block;
    case "chart":
      // The template tells a picture from words by an empty address; the spec stays out of the card.
      // `alt` is the picture's alternative text (plain); `altShown` the words shown instead (Markdown).
      return {
        kind: block.kind,
        title: block.title,
        alt: chartAltText(block),
        altShown: escapeMarkdown(chartAltText(block)),
        imageUrl: block.imageUrl ?? "",
      };
  }
}

export type CardActivity = { attachments: Attachment[]; summary: string };

/** The card's JSON, for a message attachment or an invoke response. */
export function messageCard(message: ChatMessage): Record<string, unknown> {
  return expandCard("message", { blocks: templateBlocks(message.blocks) });
}

export function cardActivity(card: Record<string, unknown>, summary: string): CardActivity {
  // The summary is for notifications and screen readers; as text it would show above the card.
  return { attachments: [CardFactory.adaptiveCard(card)], summary };
}

export function renderMessage(message: ChatMessage): { text: string } | CardActivity {
  const [only] = message.blocks;
  if (message.blocks.length === 1 && only?.kind === "text") return { text: escapeMarkdown(only.text) };
  return cardActivity(messageCard(message), message.summary);
}
