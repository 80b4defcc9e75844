// One SQLite connection, many requests: a query made while another request's transaction is open
// must neither see that transaction's uncommitted rows nor be rolled back with it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempStore, type TempStore } from "./support/temp-store.js";

describe("store serialisation", () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
  });
  afterEach(async () => temp.dispose());

  it("keeps a write made beside a transaction that rolls back", async () => {
    let inside!: () => void;
    const transactionStarted = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const failing = temp.store.$transaction(async (tx) => {
      await tx.area.create({ data: { code: "AAA", name: "Rolled back", board: "Board" } });
      inside();
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error("the request failed");
    });
    await transactionStarted;
    // Prisma's queries are lazy: awaiting each one here sends it while the transaction is open.
    const seenDuring = await temp.store.area.findMany();
    await temp.store
      .$executeRaw`INSERT INTO "Area" ("id", "code", "name", "board", "createdAt") VALUES ('b', 'BBB', 'Kept', 'Board', 0)`;
    await expect(failing).rejects.toThrow("the request failed");
    expect(seenDuring.map((area) => area.code)).not.toContain("AAA");
    expect((await temp.store.area.findMany()).map((area) => area.code)).toEqual(["BBB"]);
  });
});
