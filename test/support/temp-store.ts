// A real database for one test, migrated like production and removed afterwards: a SQLite file in
// a fresh temporary folder, or, in the PostgreSQL test project (vitest.config.ts), a fresh database
// on the project's PostgreSQL server.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openStore, type Store } from "../../src/store/database.js";
import { administer, databaseUrl } from "./postgres-cluster.js";

export interface TempStore {
  store: Store;
  databaseUrl: string;
  dispose(): Promise<void>;
}

/** The database the running test project uses. */
export const testDatabase: "sqlite" | "postgresql" =
  process.env.LDG_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

export function openTempStore(): Promise<TempStore> {
  return testDatabase === "postgresql" ? openTempPostgresqlStore() : openTempSqliteStore();
}

async function openTempSqliteStore(): Promise<TempStore> {
  const folder = mkdtempSync(path.join(tmpdir(), "ldg-test-"));
  const url = `file:${path.join(folder, "ldg.db")}`;
  const store = await openStore(url);
  return {
    store,
    databaseUrl: url,
    async dispose() {
      await store.$disconnect();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function openTempPostgresqlStore(): Promise<TempStore> {
  const server = inject("postgresServerUrl");
  const name = `ldg_test_${randomUUID().replaceAll("-", "")}`;
  await administer(server, `CREATE DATABASE ${name}`);
  const url = databaseUrl(server, name);
  const store = await openStore(url);
  return {
    store,
    databaseUrl: url,
    async dispose() {
      await store.$disconnect();
      // FORCE: a child process a test started may still hold a connection.
      await administer(server, `DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
}

/** An empty database for a bot that opens (and migrates) it itself: its URL, and how to remove it. */
export interface FreshDatabase {
  databaseUrl: string;
  dispose(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  if (testDatabase === "postgresql") {
    const server = inject("postgresServerUrl");
    const name = `ldg_test_${randomUUID().replaceAll("-", "")}`;
    await administer(server, `CREATE DATABASE ${name}`);
    return {
      databaseUrl: databaseUrl(server, name),
      dispose: () => administer(server, `DROP DATABASE ${name} WITH (FORCE)`),
    };
  }
  const folder = mkdtempSync(path.join(tmpdir(), "ldg-test-"));
  return {
    databaseUrl: `file:${path.join(folder, "ldg.db")}`,
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
}
