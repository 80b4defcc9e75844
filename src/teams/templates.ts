// Adaptive Card templates from adaptive-cards/, filled with adaptivecards-templating.
import { readFileSync } from "node:fs";
import * as AdaptiveCardsTemplating from "adaptivecards-templating";

const TEMPLATES_DIR = new URL("../../adaptive-cards/", import.meta.url);
const cache = new Map<string, AdaptiveCardsTemplating.Template>();

/** Expands template `name` (adaptive-cards/<name>.json) with `data` as its root. */
export function expandCard(name: string, data: object): Record<string, unknown> {
  let template = cache.get(name);
  if (!template) {
    template = new AdaptiveCardsTemplating.Template(
      JSON.parse(readFileSync(new URL(`${name}.json`, TEMPLATES_DIR), "utf8")),
    );
    cache.set(name, template);
  }
  return template.expand({ $root: data });
}
