// Teams reads card and message text as Markdown. Whatever a person typed must show as typed: no
// link dressed up as something else, no bold, no list or heading, in cards, forms and plain replies.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { raiseForm } from "../src/core/interactions/forms.js";
import { formCard } from "../src/teams/form-card.js";
import { escapeMarkdown } from "../src/teams/markdown.js";
import { messageCard, renderMessage } from "../src/teams/render.js";

const TYPED = "Call [the coordinator](https://evil.example) **now** _please_ <at>Helen</at> `rm` ~~x~~";
const ESCAPED =
  "Call \\[the coordinator\\](https://evil.example) \\*\\*now\\*\\* \\_please\\_ \\<at\\>Helen\\</at\\> \\`rm\\` \\~\\~x\\~\\~";

/** CommonMark reads a backslash before ASCII punctuation as that character, literally. */
function asShown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/** Every TextBlock text and FactSet title and value in a card. */
function shownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shownTexts);
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own =
    record.type === "TextBlock"
      ? [String(record.text)]
      : record.type === "FactSet"
        ? (record.facts as { title: string; value: string }[]).flatMap((fact) => [fact.title, fact.value])
        : [];
  return [...own, ...Object.values(record).flatMap(shownTexts)];
}

describe("Markdown in Teams", () => {
  it("escapes links, emphasis, code and mentions so they show as typed", () => {
    expect(escapeMarkdown(TYPED)).toBe(ESCAPED);
  });

  it("escapes what would make a line a list item, a numbered item or a heading", () => {
    expect(escapeMarkdown("- one\n  + two\n# three\n12. four\n3) five\nsix - 7. seven")).toBe(
      "\\- one\n  \\+ two\n\\# three\n12\\. four\n3\\) five\nsix - 7. seven",
    );
  });

  it("shows any text exactly as typed, with no Markdown character left unescaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 300 }), (typed) => {
        const escaped = escapeMarkdown(typed);
        expect(asShown(escaped)).toBe(typed);
        // Taking the escaped characters out leaves no inline markup, and no line of the escaped text
        // starts as a list item or heading. (Checking the remainder for line starts would be wrong:
        // "[+" escapes to "\[+", whose line starts with the escape, not with "+".)
        const rest = escaped.replace(/\\[!-/:-@[-`{-~]/g, "");
        expect(rest).not.toMatch(/[*_`~[\]<>\\]/);
        expect(escaped).not.toMatch(/^\s*([-+#]|\d+[.)])/m);
      }),
    );
  });

  it("escapes text, headings, facts and list items in message cards, and plain replies", () => {
    const card = messageCard({
      summary: "x",
      blocks: [
        { kind: "heading", text: TYPED },
        { kind: "text", text: TYPED },
        { kind: "facts", facts: [{ label: "Where", value: TYPED }] },
        { kind: "list", items: [TYPED] },
        {
          kind: "buttons",
          buttons: [{ label: "Details", intent: "problem.details", target: "CRA-2026-0001" }],
        },
      ],
    });
    const texts = shownTexts(card);
    expect(texts.filter((text) => text.includes(ESCAPED))).toHaveLength(4);
    expect(texts.join("\n")).not.toContain("[the coordinator]");
    expect(JSON.stringify(card)).toContain('"title":"Details"');
    expect(renderMessage({ summary: "x", blocks: [{ kind: "text", text: TYPED }] })).toEqual({
      text: ESCAPED,
    });
  });

  it("escapes a form's shown text but leaves what was typed into its inputs as typed", () => {
    const form = raiseForm([{ code: "CRA", name: "Craven" }], { title: TYPED });
    const card = formCard(
      { ...form, intro: TYPED },
      { values: { title: TYPED }, errors: { title: TYPED }, summary: TYPED },
    );
    const texts = shownTexts(card);
    expect(texts.filter((text) => text === ESCAPED)).toHaveLength(3);
    const input = JSON.stringify(card).includes(JSON.stringify(TYPED).slice(1, -1));
    expect(input).toBe(true);
  });
});
