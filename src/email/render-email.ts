// A neutral ChatMessage as an email: a subject that starts with the classification, a plain-text
// part and an HTML part, with each button that email can do turned into a signed link.
import type { Block, Button, ChatMessage, Intent } from "../chat/message.js";
import { escapeHtml, escapeLines, htmlDocument } from "./html.js";

/**
 * What a signed link can do from an email: the action's owner accepts, declines, updates or marks
 * it done; a board member answers an escalation; an invitee says which of a meeting's candidate
 * times they can make; a SPOC answers their register check, and the successor they name confirms
 * or says it is not them. Details, convening and the rest open in chat, where personal details are
 * shown to one person at a time.
 */
export const LINK_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "action.accept",
  "action.decline",
  "action.update",
  "action.done",
  "escalation.accept",
  "escalation.more",
  "escalation.decline",
  "meeting.can",
  "meeting.cannot",
  "register.confirm",
  "register.update",
  "register.handover",
  "register.accept",
  "register.refuse",
]);

/** Messages not about any problem (a contact who cannot be reached, leave cover) are marked OFFICIAL. */
const DEFAULT_MARKING = "OFFICIAL";
const SUBJECT_MAX = 180;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** One line: no control characters or line breaks, which could add headers to a subject. */
function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\s]+/gu, " ")
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, "")
    .trim();
}

export function emailSubject(message: ChatMessage): string {
  const heading = message.blocks.find((block) => block.kind === "heading");
  const marking = message.classification ?? DEFAULT_MARKING;
  const subject = `${marking}: ${oneLine(heading?.text ?? message.summary)}`;
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
}

/** The blocks as HTML; buttons are drawn by `button`, or left out where it returns undefined. */
export function blocksHtml(blocks: Block[], button: (button: Button) => string | undefined): string {
  return blocks.map((block) => blockHtml(block, button)).join("");
}

function blockHtml(block: Block, button: (button: Button) => string | undefined): string {
  switch (block.kind) {
    case "heading":
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case "text":
      return `<p>${escapeLines(block.text)}</p>`;
    case "facts":
      return `<table>${block.facts
        .map((fact) => `<tr><th>${escapeHtml(fact.label)}</th><td>${escapeLines(fact.value)}</td></tr>`)
        .join("")}</table>`;
    case "list":
      return `<ul>${block.items.map((item) => `<li>${escapeLines(item)}</li>`).join("")}</ul>`;
    case "divider":
      return "<hr>";
    case "buttons": {
      const drawn = block.buttons.map(button).filter((html) => html !== undefined);
      return drawn.length > 0 ? `<p>${drawn.join(" ")}</p>` : "";
    }
    case "link":
      return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
    case "chart":
      // A chart's figures in words: mail clients block pictures from elsewhere by default.
      return `<ul>${block.lines.map((line) => `<li>${escapeLines(line)}</li>`).join("")}</ul>`;
  }
}

function blocksText(blocks: Block[], linkFor: (button: Button) => string | undefined): string {
  return blocks
    .map((block) => blockText(block, linkFor))
    .filter((part) => part !== "")
    .join("\n\n");
}

function blockText(block: Block, linkFor: (button: Button) => string | undefined): string {
  switch (block.kind) {
    case "heading":
      return `${block.text}\n${"=".repeat(Math.min(block.text.length, 70))}`;
    case "text":
      return block.text;
    case "facts":
      return block.facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n");
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
    case "divider":
      return "----";
    case "chart":
      return block.lines.map((line) => `- ${line}`).join("\n");
    case "link":
      return `${block.label}: ${block.url}`;
    case "buttons":
      return block.buttons
        .flatMap((button) => {
          const url = linkFor(button);
          return url ? [`${button.label}: ${url}`] : [];
        })
        .join("\n");
  }
}

/** The buttons email cannot do, named so the reader knows where to find them. */
function chatOnlyNote(blocks: Block[], linkFor: (button: Button) => string | undefined): string | undefined {
  const labels = blocks
    .flatMap((block) => (block.kind === "buttons" ? block.buttons : []))
    .filter((button) => linkFor(button) === undefined)
    .map((button) => button.label);
  if (labels.length === 0) return undefined;
  return `${labels.join(", ")}: open ldg-bot in Slack or Microsoft Teams for these.`;
}

/** `linkFor` gives a button's signed link, or undefined where email cannot do what it does. */
export function renderEmail(
  message: ChatMessage,
  linkFor: (button: Button) => string | undefined,
  footer: string,
): RenderedEmail {
  const marking = message.classification ?? DEFAULT_MARKING;
  const note = chatOnlyNote(message.blocks, linkFor);
  const text = [marking, blocksText(message.blocks, linkFor), note, footer, marking]
    .filter((part) => part !== undefined && part !== "")
    .join("\n\n");
  const body =
    blocksHtml(message.blocks, (button) => {
      const url = linkFor(button);
      if (!url) return undefined;
      const style = button.style === "danger" ? "button danger" : "button";
      return `<a class="${style}" href="${escapeHtml(url)}">${escapeHtml(button.label)}</a>`;
    }) +
    (note ? `<p class="hint">${escapeHtml(note)}</p>` : "") +
    `<p class="hint">${escapeHtml(footer)}</p>`;
  return {
    subject: emailSubject(message),
    text: `${text}\n`,
    html: htmlDocument(emailSubject(message), body, marking),
  };
}
