// The PostgreSQL schema is made from prisma/schema.prisma (the SQLite one, the source): Prisma fixes
// the provider per schema file, and the models must stay the same on both so that one set of
// repositories serves either database. Only the datasource and the generated client's folder differ.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
export const POSTGRESQL_SCHEMA = fileURLToPath(
  new URL("../../prisma/postgresql/schema.prisma", import.meta.url),
);

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:schema:postgresql\`: do not edit; change
// prisma/schema.prisma and run that command. test/postgresql-schema.test.ts fails when they drift.
`;

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`prisma/schema.prisma has no ${what} to rewrite for PostgreSQL`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for the given SQLite schema text. */
export function postgresqlSchemaFrom(sqliteSchema: string): string {
  let schema = replaceOnce(
    sqliteSchema,
    /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    "sqlite datasource",
  );
  // The CLI needs no server to diff or generate; the running bot gets its URL from DATABASE_URL.
  schema = replaceOnce(
    schema,
    /(datasource db \{[^}]*?url\s*=\s*)"file:[^"]*"/,
    '$1"postgresql://localhost/placeholder"',
    "datasource url",
  );
  schema = replaceOnce(
    schema,
    /(generator client \{[^}]*?output\s*=\s*)"\.\.\/src\/store\/generated"/,
    '$1"../../src/store/generated-postgresql"',
    "generator output",
  );
  return HEADER + schema;
}

/** Writes prisma/postgresql/schema.prisma from prisma/schema.prisma. */
export function writePostgresqlSchema(): void {
  writeFileSync(POSTGRESQL_SCHEMA, postgresqlSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
}
