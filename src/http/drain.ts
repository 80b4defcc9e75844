// Closing the HTTP server gracefully: stop accepting connections at once, let the requests already
// being handled finish (up to a deadline), then close the connections that are left. Node's own
// server.close() waits for every kept-alive connection, which a client may hold open for minutes.
import type { Server, ServerResponse } from "node:http";

export interface HttpDrain {
  /** Requests whose response has not yet been sent. */
  inFlight(): number;
  /**
   * Stops listening and resolves once the requests in flight are answered, or at `deadline`, when
   * the connections still open are cut. `finished` says whether every request was answered.
   */
  close(deadline: Promise<void>): Promise<{ finished: boolean }>;
}

export function trackForDrain(server: Server): HttpDrain {
  const pending = new Set<ServerResponse>();
  let allAnswered: (() => void) | undefined;
  server.on("request", (_request, response: ServerResponse) => {
    pending.add(response);
    response.once("close", () => {
      pending.delete(response);
      if (pending.size === 0) allAnswered?.();
    });
  });

  return {
    inFlight: () => pending.size,
    async close(deadline) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const answered =
        pending.size === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              allAnswered = resolve;
            });
      const finished = await Promise.race([answered.then(() => true), deadline.then(() => false)]);
      // Whatever is left is idle (kept alive) or, past the deadline, a request given up on.
      server.closeAllConnections();
      await closed;
      return { finished };
    },
  };
}
