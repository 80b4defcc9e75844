// Chart pictures for Teams cards, kept until they expire. Each save also clears the expired ones,
// so the table holds only the charts of digests still worth opening.
import { randomBytes } from "node:crypto";
import type { Store } from "./database.js";

export class PrismaChartImages {
  constructor(private readonly store: Store) {}

  /** Stores the picture under a new random id (128 bits, hex) and returns the id. */
  async save(png: Uint8Array, now: Date, expiresAt: Date): Promise<string> {
    const id = randomBytes(16).toString("hex");
    await this.store.chartImage.deleteMany({ where: { expiresAt: { lte: now } } });
    await this.store.chartImage.create({ data: { id, png: Buffer.from(png), expiresAt } });
    return id;
  }

  /** The picture, or null when there is none by that id or it has expired. */
  async find(id: string, now: Date): Promise<Uint8Array | null> {
    const row = await this.store.chartImage.findUnique({ where: { id } });
    return row && row.expiresAt > now ? row.png : null;
  }
}
