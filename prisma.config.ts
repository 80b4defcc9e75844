// Prisma CLI configuration: the JS schema engine over the better-sqlite3 driver adapter, so that
// `prisma generate`, `migrate diff` and `db push` work offline (see TOOLCHAIN.md).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The CLI needs no database for `migrate diff`; point it at one only when DATABASE_URL names a file.
const url = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : ":memory:";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
