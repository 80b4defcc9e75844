// Block Kit from the neutral model: user text escaped so it can never ping a channel or a person,
// and every message, modal and text object within Slack's limits (50 blocks a message, 100 a modal,
// 3,000 characters a text object, and the smaller limits on headers, fields, buttons and options).
import type { KnownBlock, ModalView } from "@slack/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, ChatMessage } from "../src/chat/message.js";
import { helpMessage } from "../src/core/commands/help.js";
import { conveneForm, raiseForm } from "../src/core/interactions/forms.js";
import { toSlackMessage } from "../src/slack/block-kit.js";
import { decodeFormMetadata, encodeFormMetadata } from "../src/slack/form-metadata.js";
import { fieldErrors, formModal, formValues } from "../src/slack/modal.js";
import { expectWithinLimits } from "./support/block-kit-limits.js";

const userText = fc.string({ unit: "grapheme", maxLength: 5000 });

describe("Block Kit rendering", () => {
  it("escapes user text so <!channel>, <!here> and <@U…> show as typed and notify nobody", () => {
    const message = toSlackMessage({
      summary: "x",
      blocks: [
        {
          kind: "text",
          text: "Ping <!channel> and <!here> and <@U0RACHEL01> & <https://evil.example|click>",
        },
        { kind: "facts", facts: [{ label: "<!everyone>", value: "<#C0123|general>" }] },
      ],
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(
      "&lt;!channel&gt; and &lt;!here&gt; and &lt;@U0RACHEL01&gt; &amp; &lt;https://evil.example|click&gt;",
    );
    expect(json).toContain("&lt;!everyone&gt;");
    expect(json).not.toMatch(/<[!@#]/);
  });

  it("escapes the notification text too, where an action's text or a title reaches the summary", () => {
    const message = toSlackMessage({
      summary: "Action on CRA-2026-0001: tell <!channel> and <@U0RACHEL01>",
      blocks: [{ kind: "text", text: "card" }],
    });
    expect(message.text).toBe("Action on CRA-2026-0001: tell &lt;!channel&gt; and &lt;@U0RACHEL01&gt;");
  });

  it("keeps any text within each object's limit, and never leaves a raw < or a cut escape", () => {
    fc.assert(
      fc.property(userText, userText, userText, (heading, text, value) => {
        const { blocks } = toSlackMessage({
          summary: text,
          blocks: [
            { kind: "heading", text: heading || "h" },
            { kind: "text", text },
            { kind: "facts", facts: [{ label: heading || "l", value: value || "v" }] },
            { kind: "list", items: [text, value] },
            {
              kind: "buttons",
              buttons: [{ label: heading || "b", intent: "problem.details", target: "CRA-2026-0001" }],
            },
          ],
        });
        expectWithinLimits(blocks, 50);
        for (const block of blocks) {
          if (block.type === "section" && block.text) {
            expect(block.text.text).not.toMatch(/</);
            expect(block.text.text).not.toMatch(/&[a-z]{0,3}…$/);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("shows a link as a link in words, its address kept whole and its label escaped", () => {
    const { blocks } = toSlackMessage({
      summary: "x",
      blocks: [{ kind: "link", label: "Add <!channel> to calendar", url: "https://ldg.example/a?b=1&c=|2" }],
    });
    expect(blocks).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "<https://ldg.example/a?b=1&amp;c=%7C2|Add &lt;!channel&gt; to calendar>",
        },
      },
    ]);
  });

  it("cuts a message past 50 blocks, says so, and keeps its buttons", () => {
    const blocks: Block[] = Array.from({ length: 120 }, (_, i) => ({ kind: "text", text: `Line ${i}` }));
    blocks.push({
      kind: "buttons",
      buttons: [{ label: "Details", intent: "problem.details", target: "CRA-2026-0001" }],
    });
    const message = toSlackMessage({ summary: "long", blocks });
    expectWithinLimits(message.blocks, 50);
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)?.type).toBe("actions");
    expect(JSON.stringify(message.blocks.at(-2))).toContain("more than fits in one Slack message");
  });

  it("splits 25 facts into sections of at most 10 fields, and repeated intents get distinct action ids", () => {
    const message: ChatMessage = {
      summary: "facts",
      blocks: [
        {
          kind: "facts",
          facts: Array.from({ length: 25 }, (_, i) => ({ label: `L${i}`, value: "v".repeat(3000) })),
        },
        {
          kind: "buttons",
          buttons: [
            { label: "Accept", intent: "action.accept", target: "a1" },
            { label: "Accept", intent: "action.accept", target: "a2" },
          ],
        },
      ],
    };
    const { blocks } = toSlackMessage(message);
    expectWithinLimits(blocks, 50);
    expect(blocks.filter((block) => block.type === "section")).toHaveLength(3);
    expect(blocks.at(-1)).toMatchObject({
      elements: [
        { action_id: "action.accept", value: "a1" },
        { action_id: "action.accept#2", value: "a2" },
      ],
    });
  });

  it("renders the help message within the limits", () => {
    expectWithinLimits(toSlackMessage(helpMessage()).blocks, 50);
  });
});

describe("modals from forms", () => {
  const areas = [{ code: "CRA", name: "Craven" }];

  it("renders the raise form with a title Slack accepts, the area preselected and the prefill cut to fit", () => {
    const form = raiseForm(areas, { description: "d".repeat(5000) });
    const modal: ModalView = formModal(
      form,
      encodeFormMetadata({ form: form.id, context: form.context, origin: {} }),
    );
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expectWithinLimits(modal.blocks as KnownBlock[], 100);
    const area = modal.blocks.find((block) => block.block_id === "area") as {
      element: { initial_option: { value: string } };
    };
    expect(area.element.initial_option.value).toBe("CRA");
    const description = modal.blocks.find((block) => block.block_id === "description") as {
      element: { initial_value: string; max_length: number };
    };
    expect(description.element.initial_value.length).toBeLessThanOrEqual(description.element.max_length);
  });

  it("uses a multi-select when more partners are suggested than Slack's ten checkboxes allow", () => {
    const suggestions = Array.from({ length: 12 }, (_, i) => ({
      organisationId: `o${i}`,
      organisationName: `Organisation ${i}`,
      contactId: `c${i}`,
      contactName: `Contact ${i}`,
      reason: "SPOC for Craven; covers fire safety, safeguarding and a good deal more besides that",
    }));
    const form = conveneForm({ ref: "CRA-2026-0001", title: "Fires" }, suggestions);
    const modal = formModal(form, "{}");
    expectWithinLimits(modal.blocks as KnownBlock[], 100);
    const partners = modal.blocks.find((block) => block.block_id === "partners") as {
      element: { type: string; initial_options: unknown[] };
    };
    expect(partners.element.type).toBe("multi_static_select");
    expect(partners.element.initial_options).toHaveLength(12);
  });

  it("reads submitted state back by field name, and puts a whole-form complaint on the first field", () => {
    const values = formValues({
      title: { text: { value: "  " } },
      area: { choice: { selected_option: { value: "CRA" } } },
      partners: { choices: { selected_options: [{ value: "Police" }, { value: "Fire" }] } },
      vulnerablePerson: { toggle: { selected_options: [{ value: "on" }] } },
    });
    expect(values).toEqual({ area: "CRA", partners: ["Police", "Fire"], vulnerablePerson: true });
    const form = raiseForm(areas);
    expect(fieldErrors(form, { nonsense: "x" }, "Something about the whole form")).toEqual({
      title: "Something about the whole form",
    });
  });

  it("refuses metadata it did not write, and drops the origin rather than overflow 3,000 characters", () => {
    expect(decodeFormMetadata("not json")).toBeNull();
    expect(
      decodeFormMetadata(
        JSON.stringify({ form: "raise", context: {}, origin: { responseUrl: "javascript:alert(1)" } }),
      ),
    ).toBeNull();
    const long = encodeFormMetadata({
      form: "task",
      context: { ref: "CRA-2026-0001", formKey: "k" },
      origin: { responseUrl: `https://hooks.slack.com/${"x".repeat(3000)}` },
    });
    expect(long.length).toBeLessThanOrEqual(3000);
    expect(decodeFormMetadata(long)).toEqual({
      form: "task",
      context: { ref: "CRA-2026-0001", formKey: "k" },
      origin: {},
    });
  });
});
