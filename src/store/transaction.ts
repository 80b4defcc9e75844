// One way for every repository to run work in a transaction, with the same limits. Every query on
// the SQLite connection queues on one lock (serialised-adapter.ts), so a transaction may wait its
// turn well past Prisma's default two seconds under load.
import type { Store } from "./database.js";
import type { Prisma } from "./generated/client.js";

export type Client = Store | Prisma.TransactionClient;

const LIMITS = { maxWait: 30_000, timeout: 60_000 };

/**
 * Runs `work` with a repository bound to a new transaction; inside one already (`client` is a
 * transaction's), runs it with `current`, so use cases can nest without opening a second.
 */
export function inTransaction<R, T>(
  client: Client,
  current: R,
  bind: (transaction: Prisma.TransactionClient) => R,
  work: (repository: R) => Promise<T>,
): Promise<T> {
  if (!("$transaction" in client)) return work(current);
  return client.$transaction((transaction) => work(bind(transaction)), LIMITS);
}
