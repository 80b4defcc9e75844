// The one HTTP server: liveness (/healthz), readiness (/readyz), metrics (/metrics), Teams
// (/api/messages), Slack (/slack/events), chart pictures and calendar files for Teams cards (/charts/<id>.png,
// /calendar/<id>.ics) and the signed links in emails (/email/act/...) on one port. Every request
// gets an id (request-id.ts), echoed in X-Request-Id and carried by every log line written while it
// is handled, and its latency is measured by route. Logs name the route, never the query string or
// the body: those can hold people's details.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { isPublishedFilePath } from "./published-file-route.js";
import type { Readiness } from "./readiness.js";
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from "./request-id.js";

export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** What the server needs of the metrics: a place to record latency and the text to serve. */
export interface HttpMetrics {
  observeRequest(route: string, method: string, status: number | "aborted", seconds: number): void;
  readonly contentType: string;
  exposition(): Promise<string>;
}

export interface Routes {
  teamsMessages?: Handler;
  slackEvents?: Handler;
  /** Chart pictures and calendar files for Teams cards (http/published-file-route.ts). */
  publishedFiles?: Handler;
  /** The signed links in emails: GET shows, POST acts (email/link-handler.ts). */
  emailLinks?: Handler;
  /** Serves /readyz when given. */
  readiness?: Readiness;
  /** Serves /metrics, and measures every request, when given. */
  metrics?: HttpMetrics;
}

/** A closed set of route names for logs and metric labels, so a scan of odd paths cannot grow them. */
type RouteName = "healthz" | "readyz" | "metrics" | "teams" | "slack" | "files" | "email" | "other";

const ROUTE_BY_PATH: Record<string, RouteName> = {
  "/healthz": "healthz",
  "/readyz": "readyz",
  "/metrics": "metrics",
  "/api/messages": "teams",
  "/slack/events": "slack",
};

function routeOf(path: string): RouteName {
  if (isPublishedFilePath(path)) return "files";
  if (path.startsWith("/email/act/")) return "email";
  return ROUTE_BY_PATH[path] ?? "other";
}

/** Probes and scrapes arrive every few seconds: their lines are debug, so they do not drown the rest. */
const QUIET_ROUTES: readonly RouteName[] = ["healthz", "readyz", "metrics"];

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

export function createHttpServer(routes: Routes, logger: Logger): Server {
  /** The handler for a route and method, if this server has one. */
  const handlerFor = (route: RouteName, method: string | undefined): Handler | undefined => {
    if (route === "teams" && method === "POST") return routes.teamsMessages;
    if (route === "slack" && method === "POST") return routes.slackEvents;
    if (route === "files" && method === "GET") return routes.publishedFiles;
    if (route === "email" && (method === "GET" || method === "POST")) return routes.emailLinks;
    return undefined;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, route: RouteName) => {
    const readOnly = request.method === "GET" || request.method === "HEAD";
    if (route === "healthz" && readOnly) {
      sendJson(response, 200, { status: "ok" });
      return;
    }
    if (route === "readyz" && readOnly && routes.readiness) {
      const report = await routes.readiness.check();
      sendJson(response, report.ready ? 200 : 503, report.ready ? { status: "ready" } : report);
      return;
    }
    if (route === "metrics" && readOnly && routes.metrics) {
      const text = await routes.metrics.exposition();
      response.writeHead(200, { "Content-Type": routes.metrics.contentType });
      response.end(text);
      return;
    }
    const handler = handlerFor(route, request.method);
    if (!handler) {
      const platformPath = route === "teams" || route === "slack";
      sendJson(response, 404, {
        error: platformPath ? "that platform is not configured on this server" : "not found",
      });
      return;
    }
    await handler(request, response);
  };

  return createServer((request, response) => {
    const started = performance.now();
    const route = routeOf((request.url ?? "/").split("?")[0] ?? "/");
    const method = ["GET", "HEAD", "POST"].includes(request.method ?? "")
      ? (request.method as string)
      : "other";
    const requestId = requestIdFrom(request.headers["x-request-id"]);
    response.setHeader(REQUEST_ID_HEADER, requestId);

    withRequestId(requestId, () => {
      response.once("close", () => {
        const seconds = (performance.now() - started) / 1000;
        const status = response.writableFinished ? response.statusCode : "aborted";
        routes.metrics?.observeRequest(route, method, status, seconds);
        const line = { route, method, status, ms: Math.round(seconds * 1000) };
        if (QUIET_ROUTES.includes(route)) logger.debug(line, "request handled");
        else logger.info(line, "request handled");
      });
      handle(request, response, route).catch((error: unknown) => {
        logger.error({ err: error, route }, "request failed");
        if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
        else response.end();
      });
    });
  });
}
