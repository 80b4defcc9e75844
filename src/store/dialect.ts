// Which SQL a raw query may use. Nearly all raw SQL here is written once for both databases; the
// few places that differ (a month's name, row locks) ask the client it runs on.
import type { Client } from "./transaction.js";

export type Dialect = "sqlite" | "postgresql";

/**
 * The dialect of a client or of a transaction opened on it. Prisma keeps the generated client's
 * provider as `_activeProvider` and exposes it on transaction clients too; test/dialect.test.ts
 * fails if a Prisma upgrade takes it away.
 */
export function dialectOf(client: Client): Dialect {
  const provider = (client as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`unknown database provider ${String(provider)}`);
}
