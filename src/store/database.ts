// Opens the store named by DATABASE_URL: a SQLite file (created, with its folder, on first use),
// migrated to the committed schema, behind a Prisma client using the better-sqlite3 driver adapter.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "./generated/client.js";
import { migrateSqlite } from "./migrate.js";
import { SerialisedAdapterFactory } from "./serialised-adapter.js";

export type Store = PrismaClient;

/** `file:./data/ldg.db` -> `./data/ldg.db` (relative to the working directory, as Prisma reads it). */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

export async function openStore(databaseUrl: string): Promise<Store> {
  const file = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const setup = new Database(file);
  try {
    // WAL lets readers go on while one writer commits; it is a property of the file, so set once here.
    setup.pragma("journal_mode = WAL");
    migrateSqlite(setup);
  } finally {
    setup.close();
  }
  const adapter = new SerialisedAdapterFactory(new PrismaBetterSQLite3({ url: file, timeout: 10_000 }));
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  return prisma;
}
