// The files Teams cards link to (chart pictures, calendar files) are kept under random ids until
// they expire, served over HTTP with their type (and a calendar file under its name), then are gone.
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Retention } from "../src/core/retention/retention.js";
import { publishedFileHandler } from "../src/http/published-file-route.js";
import { createHttpServer } from "../src/http/server.js";
import { createLogger } from "../src/log.js";
import { PrismaPublishedFiles } from "../src/store/published-file-repository.js";
import { PrismaRetentionRepository } from "../src/store/retention-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const chart = { body: png, contentType: "image/png", filename: null };
const ICS = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
const calendar = {
  body: Buffer.from(ICS, "utf8"),
  contentType: "text/calendar; charset=utf-8; method=CANCEL",
  filename: "cancellation.ics",
};

describe("published files", () => {
  let temp: TempStore;
  let files: PrismaPublishedFiles;
  const now = new Date("2026-11-26T09:00:00Z");
  const tomorrow = new Date(now.getTime() + DAY_MS);
  beforeEach(async () => {
    temp = await openTempStore();
    files = new PrismaPublishedFiles(temp.store);
  });
  afterEach(async () => temp.dispose());

  it("keeps a file by its random id until it expires, and clears expired ones on the next save", async () => {
    const id = await files.save(chart, now, tomorrow);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await files.save(calendar, now, tomorrow)).not.toBe(id);
    const found = await files.find(id, now);
    expect(found && [...found.body]).toEqual([...png]);
    expect(found).toMatchObject({ contentType: "image/png", filename: null });

    const later = new Date(now.getTime() + 2 * DAY_MS);
    expect(await files.find(id, later)).toBeNull();
    await files.save(chart, later, new Date(later.getTime() + DAY_MS));
    expect(await temp.store.publishedFile.count()).toBe(1);
  });

  it("serves a calendar file for download under its name, and 404 for unknown, malformed or expired ids", async () => {
    let clock = now;
    const server = createHttpServer(
      { publishedFiles: publishedFileHandler(files, () => clock) },
      createLogger("silent"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const id = await files.save(calendar, now, tomorrow);
      const response = await fetch(`${base}/calendar/${id}.ics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(calendar.contentType);
      expect(response.headers.get("content-disposition")).toBe('attachment; filename="cancellation.ics"');
      expect(await response.text()).toBe(ICS);

      for (const path of [
        `/calendar/${"0".repeat(32)}.ics`,
        `/calendar/${id.toUpperCase()}.ics`,
        `/calendar/${id.slice(1)}.ics`,
        `/calendar/${id}`,
        `/calendar/../${id}.ics`,
      ]) {
        expect((await fetch(`${base}${path}`)).status, path).toBe(404);
      }
      clock = new Date(tomorrow.getTime() + 1);
      expect((await fetch(`${base}/calendar/${id}.ics`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("are removed by the retention job once expired, and kept until then", async () => {
    const expired = await files.save(calendar, now, tomorrow);
    const current = await files.save(chart, now, new Date(now.getTime() + 92 * DAY_MS));
    const later = new Date(now.getTime() + 2 * DAY_MS);

    const result = await new Retention(new PrismaRetentionRepository(temp.store), 12).run(later);
    expect(result.publishedFilesRemoved).toBe(1);
    const left = await temp.store.publishedFile.findMany({ select: { id: true } });
    expect(left.map((row) => row.id)).toEqual([current]);
    expect(left.map((row) => row.id)).not.toContain(expired);
  });
});
