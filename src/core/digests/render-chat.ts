// A digest in the neutral message model; the Slack and Teams adapters draw it as Block Kit or an
// Adaptive Card. The classification is the first fact, as on every record the bot shows.
import type { Block, ChatMessage } from "../../chat/message.js";
import type { BoardDigest, WeeklyDigest } from "./model.js";
import { boardSections, type DigestDocument, weeklySections } from "./sections.js";

function toMessage(document: DigestDocument): ChatMessage {
  const blocks: Block[] = [
    { kind: "heading", text: document.title },
    { kind: "facts", facts: [{ label: "Classification", value: document.classification }] },
  ];
  for (const section of document.sections) {
    blocks.push({ kind: "divider" }, { kind: "text", text: section.title });
    if (section.chart && section.lines.length > 0) {
      blocks.push({
        kind: "chart",
        title: section.title,
        lines: section.lines,
        spec: section.chart,
      });
    } else if (section.lines.length > 0) blocks.push({ kind: "list", items: section.lines });
    else if (section.empty) blocks.push({ kind: "text", text: section.empty });
  }
  return {
    summary: `${document.summary} (${document.classification})`,
    blocks,
    classification: document.classification,
  };
}

export function weeklyDigestMessage(digest: WeeklyDigest): ChatMessage {
  return toMessage(weeklySections(digest));
}

export function boardDigestMessage(digest: BoardDigest): ChatMessage {
  return toMessage(boardSections(digest));
}
