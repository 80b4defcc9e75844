// Applies the committed PostgreSQL migrations (prisma/postgresql/migrations) with Prisma's own
// bookkeeping table and checksums, as migrate.ts does for SQLite. `prisma migrate deploy` cannot do
// it here: through @prisma/adapter-pg it fails to read PostgreSQL's `name` columns (prisma/orm#27403).
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { changedAfterApplied, readMigrations } from "./migrate.js";

export const POSTGRESQL_MIGRATIONS_DIR = fileURLToPath(
  new URL("../../prisma/postgresql/migrations", import.meta.url),
);

// Any fixed number: replicas starting together queue on this advisory lock, so each migration is
// applied once and none starts before the schema is complete.
const MIGRATION_LOCK = 7_140_625;

/** Applies every migration not yet recorded, each in its own transaction. Returns the names applied. */
export async function migratePostgresql(url: string, dir = POSTGRESQL_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const applied: string[] = [];
    for (const migration of readMigrations(dir)) {
      const done = await client.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations"
         WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      const recorded = done.rows[0];
      if (recorded) {
        if (recorded.checksum !== migration.checksum) throw changedAfterApplied(migration.name);
        continue;
      }
      await client.query("BEGIN");
      try {
        // Without parameters the script goes as one simple query, so its several statements run in order.
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES ($1, $2, now(), $3, 1, now())`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}
