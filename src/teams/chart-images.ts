// Charts on Teams cards: each chart is drawn as a PNG, published by the bot (file-publisher.ts) at
// /charts/<id>.png, and the chart block's `imageUrl` filled in.
import type { ChatMessage } from "../chat/message.js";
import { chartPng } from "../reports/charts.js";
import type { FilePublisher } from "./file-publisher.js";

export class ChartPublisher {
  constructor(private readonly files: FilePublisher) {}

  /** The message with each chart's picture stored and its address filled in. */
  async publish(message: ChatMessage): Promise<ChatMessage> {
    if (!message.blocks.some((block) => block.kind === "chart")) return message;
    const blocks = [];
    for (const block of message.blocks) {
      if (block.kind !== "chart") {
        blocks.push(block);
        continue;
      }
      const imageUrl = await this.files.publish(
        { body: await chartPng(block.spec), contentType: "image/png", filename: null },
        (id) => `charts/${id}.png`,
      );
      blocks.push({ ...block, imageUrl });
    }
    return { ...message, blocks };
  }
}
