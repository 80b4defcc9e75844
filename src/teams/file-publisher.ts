// Files on Teams cards: an Adaptive Card shows a picture, or offers a file, by address only (a
// chart as a data URI would pass the size Teams allows a message, and a bot message cannot carry a
// file). So the file is kept in the database under a random id and served by the bot
// (http/published-file-route.ts); the card holds its address.
import type { PrismaPublishedFiles, PublishedFile } from "../store/published-file-repository.js";

/** How long a file stays available: a quarter, for messages read again later. */
const KEEP_FOR_MS = 92 * 24 * 60 * 60 * 1000;

export class FilePublisher {
  constructor(
    private readonly files: PrismaPublishedFiles,
    /** The bot's address as Teams clients reach it, without a trailing slash (or how to find it). */
    private readonly baseUrl: string | (() => string),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores the file and returns its address; `path` names it under the bot's address by its id. */
  async publish(file: PublishedFile, path: (id: string) => string): Promise<string> {
    const now = this.now();
    const id = await this.files.save(file, now, new Date(now.getTime() + KEEP_FOR_MS));
    const base = typeof this.baseUrl === "string" ? this.baseUrl : this.baseUrl();
    return `${base}/${path(id)}`;
  }
}
