// A digest as Markdown, for `ldg digest` and for email.
import type { BoardDigest, WeeklyDigest } from "./model.js";
import { boardSections, type DigestDocument, weeklySections } from "./sections.js";

/** Markdown's own characters in text from the register or a problem, shown as typed. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, "\\$1");
}

function toMarkdown(document: DigestDocument): string {
  const lines = [`# ${escapeMarkdown(document.title)}`, "", `**${document.classification}**`];
  for (const section of document.sections) {
    lines.push("", `## ${escapeMarkdown(section.title)}`, "");
    if (section.lines.length > 0) lines.push(...section.lines.map((line) => `- ${escapeMarkdown(line)}`));
    else if (section.empty) lines.push(section.empty);
  }
  lines.push("", `**${document.classification}**`);
  return `${lines.join("\n")}\n`;
}

export function weeklyDigestMarkdown(digest: WeeklyDigest): string {
  return toMarkdown(weeklySections(digest));
}

export function boardDigestMarkdown(digest: BoardDigest): string {
  return toMarkdown(boardSections(digest));
}
