// Charts on Teams cards: an Adaptive Card shows a picture by address, and a chart as a data URI
// would pass the size Teams allows a message. So each chart is drawn as a PNG, kept in the
// database under a random id and served by the bot at /charts/<id>.png (http/chart-route.ts).
import type { ChatMessage } from "../chat/message.js";
import { chartPng } from "../reports/charts.js";
import type { PrismaChartImages } from "../store/chart-image-repository.js";

/** How long a digest's charts stay available: a quarter, for digests read again later. */
const KEEP_FOR_MS = 92 * 24 * 60 * 60 * 1000;

export class ChartPublisher {
  constructor(
    private readonly images: PrismaChartImages,
    /** The bot's address as Teams clients reach it, without a trailing slash (or how to find it). */
    private readonly baseUrl: string | (() => string),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The message with each chart's picture stored and its address filled in. */
  async publish(message: ChatMessage): Promise<ChatMessage> {
    if (!message.blocks.some((block) => block.kind === "chart")) return message;
    const blocks = [];
    for (const block of message.blocks) {
      if (block.kind !== "chart") {
        blocks.push(block);
        continue;
      }
      const now = this.now();
      const id = await this.images.save(
        await chartPng(block.spec),
        now,
        new Date(now.getTime() + KEEP_FOR_MS),
      );
      const base = typeof this.baseUrl === "string" ? this.baseUrl : this.baseUrl();
      blocks.push({ ...block, imageUrl: `${base}/charts/${id}.png` });
    }
    return { ...message, blocks };
  }
}
