// Charts in Slack: a message says each chart's figures in words, then the pictures follow it as
// PNG files uploaded into the same conversation, where Slack shows them inline. Files are Slack's
// own, under its access rules: no picture of the LDG's figures is served from a public address.
import type { WebClient } from "@slack/web-api";
import { type ChatMessage, chartAltText } from "../chat/message.js";
import { chartPng } from "../reports/charts.js";
import { truncate } from "./text.js";

/** Slack's limit on a file's alternative text. */
const ALT_TEXT_LIMIT = 1000;

/** Uploads the message's charts into `channel`, in the order the message lists them. */
export async function uploadCharts(client: WebClient, channel: string, message: ChatMessage): Promise<void> {
  for (const block of message.blocks) {
    if (block.kind !== "chart") continue;
    await client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(await chartPng(block.spec)),
      filename: `${block.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}.png`,
      title: block.title,
      alt_text: truncate(chartAltText(block), ALT_TEXT_LIMIT),
    });
  }
}
