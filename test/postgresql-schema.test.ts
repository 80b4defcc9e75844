// The PostgreSQL schema and its migrations stay in step with the SQLite source, and the PostgreSQL
// migrator keeps Prisma's bookkeeping. Runs in the PostgreSQL test project only (vitest.config.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dialectOf } from "../src/store/dialect.js";
import { Prisma } from "../src/store/generated/client.js";
import { migratePostgresql } from "../src/store/migrate-postgresql.js";
import { POSTGRESQL_SCHEMA, postgresqlSchemaFrom, SQLITE_SCHEMA } from "../src/store/postgresql-schema.js";
import { openTempStore } from "./support/temp-store.js";

describe("the PostgreSQL schema", () => {
  it("is prisma/schema.prisma with only the provider, URL and client folder changed", () => {
    expect(readFileSync(POSTGRESQL_SCHEMA, "utf8"), "run `npm run db:schema:postgresql`").toBe(
      postgresqlSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")),
    );
  });

  it("refuses a SQLite schema it does not know how to rewrite", () => {
    expect(() => postgresqlSchemaFrom('datasource db {\n  provider = "mysql"\n}')).toThrow(
      /sqlite datasource/,
    );
  });
});

describe("PostgreSQL migrations", () => {
  it("create every table and column the client knows, recorded once with their checksums", async () => {
    const temp = await openTempStore();
    try {
      expect(dialectOf(temp.store)).toBe("postgresql");
      await temp.store.$transaction(async (tx) => expect(dialectOf(tx)).toBe("postgresql"));
      // Every model's columns, as the client reads them: a column missing from the migrations fails here.
      const delegates = temp.store as unknown as Record<string, { findFirst(): Promise<unknown> }>;
      for (const model of Object.values(Prisma.ModelName)) {
        const delegate = delegates[model.charAt(0).toLowerCase() + model.slice(1)];
        expect(delegate, model).toBeDefined();
        await delegate?.findFirst();
      }
      const recorded = await temp.store.$queryRaw<{ migration_name: string; checksum: string }[]>`
        SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
      expect(recorded.length).toBeGreaterThan(0);
      expect(recorded.every((row) => /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
      // Applying again (a second replica starting) changes nothing.
      expect(await migratePostgresql(temp.databaseUrl)).toEqual([]);
    } finally {
      await temp.dispose();
    }
  });
});
