// Chart pictures for Teams cards are kept under random ids until they expire, then are gone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaChartImages } from "../src/store/chart-image-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe("chart pictures", () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
  });
  afterEach(async () => temp.dispose());

  it("serves a picture by its random id until it expires, and clears expired ones on the next save", async () => {
    const images = new PrismaChartImages(temp.store);
    const now = new Date("2026-11-26T09:00:00Z");
    const id = await images.save(png, now, new Date(now.getTime() + DAY_MS));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await images.save(png, now, new Date(now.getTime() + DAY_MS))).not.toBe(id);
    expect([...((await images.find(id, now)) ?? [])]).toEqual([...png]);

    const later = new Date(now.getTime() + 2 * DAY_MS);
    expect(await images.find(id, later)).toBeNull();
    await images.save(png, later, new Date(later.getTime() + DAY_MS));
    expect(await temp.store.chartImage.count()).toBe(1);
  });
});
