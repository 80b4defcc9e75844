// The committed SQLite migrations build exactly the database that prisma/schema.prisma describes.
// Several branches each add a migration; after a merge, one that was lost or written against an
// older schema would leave production different from what the client expects. Compared: every
// table's columns, indexes and foreign keys, and the triggers, between a database migrated as the
// bot does at start and one built straight from the schema by Prisma.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../src/store/database.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PRISMA = path.join(ROOT, "node_modules", "prisma", "build", "index.js");

type Shape = Record<string, { columns: unknown[]; indexes: unknown[]; foreignKeys: unknown[] }>;

function shapeOf(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    const shape: Shape = {};
    for (const { name } of tables) {
      const indexes = (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
        .map((index) => ({
          name: index.name,
          unique: index.unique,
          columns: (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map(
            (column) => column.name,
          ),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      shape[name] = {
        // By name: a column a later migration adds comes last in the table, wherever the schema has it.
        columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as { cid: number; name: string }[])
          .map(({ cid: _position, ...column }) => column)
          .sort((a, b) => a.name.localeCompare(b.name)),
        indexes,
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
      };
    }
    return shape;
  } finally {
    db.close();
  }
}

describe("the SQLite migrations", () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-migrations-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("build the database prisma/schema.prisma describes", async () => {
    const migrated = path.join(folder, "migrated.db");
    await migrateDatabase(`file:${migrated}`);

    const fromSchema = path.join(folder, "from-schema.db");
    const script = execFileSync(
      process.execPath,
      [
        PRISMA,
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
    const db = new Database(fromSchema);
    db.exec(script);
    db.close();

    expect(shapeOf(migrated)).toEqual(shapeOf(fromSchema));
  }, 60_000);
});
