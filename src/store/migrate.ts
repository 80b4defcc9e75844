// Applies the committed SQLite migrations in prisma/migrations at start-up. It keeps Prisma's own
// bookkeeping table (`_prisma_migrations`, same columns and sha256 checksums), so `prisma migrate
// status` and `deploy` agree with it, without spawning the Prisma CLI on every start.
// PostgreSQL's are applied the same way by migrate-postgresql.ts.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type BetterSqlite3 from "better-sqlite3";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations in `dir`, oldest first: one folder each, named by time, holding migration.sql. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the names applied. */
export function migrateSqlite(db: BetterSqlite3.Database, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
  )`);
  const applied: string[] = [];
  for (const migration of readMigrations(dir)) {
    // IMMEDIATE takes the write lock first, so two processes starting together apply it once.
    const applyOnce = db.transaction(() => {
      const done = db
        .prepare(
          `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .get(migration.name) as { checksum: string } | undefined;
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw changedAfterApplied(migration.name);
        }
        return;
      }
      db.exec(migration.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
         VALUES (?, ?, ?, ?, 1, ?)`,
      ).run(randomUUID(), migration.checksum, Date.now(), migration.name, Date.now());
      applied.push(migration.name);
    });
    applyOnce.immediate();
  }
  return applied;
}

export function changedAfterApplied(name: string): Error {
  return new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
}
