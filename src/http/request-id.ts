// Every HTTP request gets an id: the caller's X-Request-Id when it is a plain token (a proxy or load
// balancer may have set one, and keeping it lets its logs and ours be joined), else a new UUID.
// The id is held in an async context for the whole of the request's handling, so every log line
// written meanwhile carries it (see log.ts), Bolt's and botbuilder's handlers included, which take
// the app's logger once at start-up and could not be handed a per-request one.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** Letters, digits and . _ : - only, at most 128: nothing that could forge a log field or hold a sentence. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const context = new AsyncLocalStorage<{ requestId: string }>();

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Runs `work` (and everything it starts) as part of the request `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

/** `{ requestId }` while handling a request, else nothing: merged into every log line. */
export function requestLogFields(): { requestId?: string } {
  const current = context.getStore();
  return current ? { requestId: current.requestId } : {};
}
