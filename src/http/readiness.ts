// /readyz: whether this process should be sent work now. Unlike /healthz (the process is alive),
// it is false until start-up has finished, false again once shutdown has begun, and false while
// the database does not answer, so that a load balancer sends requests to a replica that can serve them.

/** A database that does not answer within this is as good as down, for routing purposes. */
const PING_TIMEOUT_MS = 2_000;

export type ReadinessReport = { ready: true } | { ready: false; reason: string };

export class Readiness {
  private state: "starting" | "ready" | "stopping" = "starting";

  constructor(
    private readonly pingDatabase: () => Promise<unknown>,
    private readonly pingTimeoutMs = PING_TIMEOUT_MS,
  ) {}

  started(): void {
    if (this.state === "starting") this.state = "ready";
  }

  stopping(): void {
    this.state = "stopping";
  }

  async check(): Promise<ReadinessReport> {
    if (this.state === "starting") return { ready: false, reason: "starting" };
    if (this.state === "stopping") return { ready: false, reason: "shutting down" };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.pingTimeoutMs);
    });
    try {
      const answer = await Promise.race([this.pingDatabase().then(() => "ok" as const), timeout]);
      return answer === "ok" ? { ready: true } : { ready: false, reason: "database not answering" };
    } catch {
      return { ready: false, reason: "database not answering" };
    } finally {
      clearTimeout(timer);
    }
  }
}
