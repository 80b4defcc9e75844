// Slack's Block Kit limits, checked on rendered blocks: blocks per surface, fields per section,
// elements per actions block, unique action ids, and the length of every text object by where it sits.
import type { KnownBlock } from "@slack/types";
import { expect } from "vitest";
import type { SlackCall } from "./slack-api-stand-in.js";

/** Every text object in the blocks, with the limit Slack sets for where it sits. */
function textsWithLimits(blocks: KnownBlock[]): { text: string; limit: number; where: string }[] {
  const found: { text: string; limit: number; where: string }[] = [];
  for (const block of blocks) {
    if (block.type === "header") found.push({ text: block.text.text, limit: 150, where: "header" });
    if (block.type === "section") {
      if (block.text) found.push({ text: block.text.text, limit: 3000, where: "section" });
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) found.push({ text: field.text, limit: 2000, where: "field" });
    }
    if (block.type === "actions") {
      expect(block.elements.length).toBeLessThanOrEqual(25);
      const ids = block.elements.map((element) => ("action_id" in element ? element.action_id : undefined));
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of block.elements) {
        if (element.type === "button") found.push({ text: element.text.text, limit: 75, where: "button" });
      }
    }
    if (block.type === "input") {
      found.push({ text: block.label.text, limit: 2000, where: "label" });
      const element = block.element as { options?: { text: { text: string }; value?: string }[] };
      expect(element.options?.length ?? 0).toBeLessThanOrEqual(100);
      for (const option of element.options ?? []) {
        found.push({ text: option.text.text, limit: 75, where: "option" });
        expect(option.value?.length ?? 0).toBeLessThanOrEqual(150);
      }
    }
  }
  return found;
}

export function expectWithinLimits(blocks: KnownBlock[], maxBlocks: number) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const { text, limit, where } of textsWithLimits(blocks)) {
    expect(text.length, `${where} text`).toBeLessThanOrEqual(limit);
    expect(text.length, `${where} text`).toBeGreaterThan(0);
  }
}

/** Every message and view the bot sent in these calls, each within its surface's limits. */
export function expectCallsWithinLimits(calls: SlackCall[]): number {
  let checked = 0;
  for (const { method, args } of calls) {
    const view = args.view as { blocks?: KnownBlock[]; title?: { text: string } } | undefined;
    if (method === "views.open" || method === "views.publish") {
      expectWithinLimits(view?.blocks ?? [], 100);
      if (view?.title) expect(view.title.text.length).toBeLessThanOrEqual(24);
      checked++;
    } else if (Array.isArray(args.blocks)) {
      expectWithinLimits(args.blocks as KnownBlock[], 50);
      expect(String(args.text ?? "").length).toBeLessThanOrEqual(3000);
      checked++;
    }
  }
  return checked;
}
