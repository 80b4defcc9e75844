// Opens the store named by DATABASE_URL, migrated to the committed schema: a SQLite file (created,
// with its folder, on first use) through the better-sqlite3 driver adapter, or a PostgreSQL database
// through @prisma/adapter-pg. Each database has its own generated client (Prisma fixes the provider
// per schema), both from the same models, so the repositories use one `Store` type for either.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "./generated/client.js";
import { migrateSqlite } from "./migrate.js";
import { SerialisedAdapterFactory } from "./serialised-adapter.js";

export type Store = PrismaClient;

export function isPostgresqlUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/** `file:./data/ldg.db` -> `./data/ldg.db` (relative to the working directory, as Prisma reads it). */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** The database for messages: a PostgreSQL URL without its password. */
export function describeDatabase(databaseUrl: string): string {
  if (!isPostgresqlUrl(databaseUrl)) return sqlitePath(databaseUrl);
  const url = new URL(databaseUrl);
  url.password = "";
  return url.toString();
}

/** Brings the database up to date with the committed migrations; returns the names applied. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  if (isPostgresqlUrl(databaseUrl)) {
    const { migratePostgresql } = await import("./migrate-postgresql.js");
    return migratePostgresql(databaseUrl);
  }
  const file = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const setup = new Database(file);
  try {
    // WAL lets readers go on while one writer commits; it is a property of the file, so set once here.
    setup.pragma("journal_mode = WAL");
    return migrateSqlite(setup);
  } finally {
    setup.close();
  }
}

export async function openStore(databaseUrl: string): Promise<Store> {
  await migrateDatabase(databaseUrl);
  const prisma = isPostgresqlUrl(databaseUrl)
    ? await postgresqlClient(databaseUrl)
    : new PrismaClient({
        adapter: new SerialisedAdapterFactory(
          new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl), timeout: 10_000 }),
        ),
      });
  await prisma.$connect();
  return prisma;
}

/**
 * The PostgreSQL client, loaded only when used so a SQLite deployment never loads it. It has the
 * same models and the same runtime as the SQLite client (test/postgresql-schema.test.ts keeps the
 * schemas equal), so it serves as the one `Store` type.
 */
async function postgresqlClient(databaseUrl: string): Promise<Store> {
  const [{ PrismaClient: PostgresqlPrismaClient }, { PrismaPg }] = await Promise.all([
    import("./generated-postgresql/client.js"),
    import("@prisma/adapter-pg"),
  ]);
  return new PostgresqlPrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }),
  }) as unknown as Store;
}
