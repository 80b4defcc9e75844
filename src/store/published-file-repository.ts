// Files Teams cards link to (chart pictures, calendar files), kept until they expire. Each save
// also clears the expired ones, so the table holds only the files of messages still worth opening.
import { randomBytes } from "node:crypto";
import type { Store } from "./database.js";

export interface PublishedFile {
  body: Uint8Array;
  contentType: string;
  /** The name a browser saves it under; null for a picture shown in a card. */
  filename: string | null;
}

/** What rows written before files other than charts were stored hold: PNG pictures. */
const CHART_TYPE = "image/png";

export class PrismaPublishedFiles {
  constructor(private readonly store: Store) {}

  /** Stores the file under a new random id (128 bits, hex) and returns the id. */
  async save(file: PublishedFile, now: Date, expiresAt: Date): Promise<string> {
    const id = randomBytes(16).toString("hex");
    await this.store.publishedFile.deleteMany({ where: { expiresAt: { lte: now } } });
    await this.store.publishedFile.create({
      data: {
        id,
        body: Buffer.from(file.body),
        contentType: file.contentType,
        filename: file.filename,
        expiresAt,
      },
    });
    return id;
  }

  /** The file, or null when there is none by that id or it has expired. */
  async find(id: string, now: Date): Promise<PublishedFile | null> {
    const row = await this.store.publishedFile.findUnique({ where: { id } });
    if (!row || row.expiresAt <= now) return null;
    return { body: row.body, contentType: row.contentType ?? CHART_TYPE, filename: row.filename };
  }
}
