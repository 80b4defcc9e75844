// A real SQLite database in a fresh temporary folder, migrated like production, removed afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openStore, type Store } from "../../src/store/database.js";

export interface TempStore {
  store: Store;
  databaseUrl: string;
  dispose(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const folder = mkdtempSync(path.join(tmpdir(), "ldg-test-"));
  const databaseUrl = `file:${path.join(folder, "ldg.db")}`;
  const store = await openStore(databaseUrl);
  return {
    store,
    databaseUrl,
    async dispose() {
      await store.$disconnect();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
