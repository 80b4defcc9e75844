// The one HTTP server: health, Teams (/api/messages) and Slack (/slack/events) on one port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { isChartPath } from "./chart-route.js";

export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface Routes {
  teamsMessages?: Handler;
  slackEvents?: Handler;
  chartImages?: Handler;
  /** The signed links in emails: GET shows, POST acts (email/link-handler.ts). */
  emailLinks?: Handler;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

export function createHttpServer(routes: Routes, logger: Logger): Server {
  return createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const route = (): Handler | undefined => {
      if (path === "/api/messages" && request.method === "POST") return routes.teamsMessages;
      if (path === "/slack/events" && request.method === "POST") return routes.slackEvents;
      if (path && isChartPath(path) && request.method === "GET") return routes.chartImages;
      if (path?.startsWith("/email/act/") && (request.method === "GET" || request.method === "POST")) {
        return routes.emailLinks;
      }
      return undefined;
    };
    if (path === "/healthz" && (request.method === "GET" || request.method === "HEAD")) {
      sendJson(response, 200, { status: "ok" });
      return;
    }
    const handler = route();
    if (!handler) {
      const platformPath = path === "/api/messages" || path === "/slack/events";
      sendJson(response, 404, {
        error: platformPath ? "that platform is not configured on this server" : "not found",
      });
      return;
    }
    handler(request, response).catch((error: unknown) => {
      logger.error({ err: error, path }, "request failed");
      if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
      else response.end();
    });
  });
}
