// The shared HTTP server over real HTTP: request ids (taken or made, echoed, in every log line
// written while the request is handled), /readyz, /metrics and the per-route latency histogram.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Readiness } from "../src/http/readiness.js";
import { createHttpServer, type Routes } from "../src/http/server.js";
import { createLogger } from "../src/log.js";
import { AppMetrics } from "../src/metrics/metrics.js";
import { logLines } from "./support/log-lines.js";
import { sampleSum } from "./support/metrics-text.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the HTTP server", () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  async function start(routes: (logger: ReturnType<typeof createLogger>) => Routes) {
    const log = logLines();
    const logger = createLogger("debug", log);
    server = createHttpServer(routes(logger), logger);
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
  }

  it("keeps a sane X-Request-Id, replaces an odd one, and logs it on every line of the request", async () => {
    const { url, log } = await start((logger) => ({
      teamsMessages: async (_request, response) => {
        // A handler deep inside (Bolt's, botbuilder's) logs with the app's logger, not a child of it.
        await new Promise((resolve) => setTimeout(resolve, 5));
        logger.info("inside the handler");
        response.end("done");
      },
    }));
    const post = (requestId?: string) =>
      fetch(`${url}/api/messages`, {
        method: "POST",
        headers: requestId ? { "X-Request-Id": requestId } : {},
      });

    const kept = await post("lb-4f2a.91:7");
    expect(kept.headers.get("x-request-id")).toBe("lb-4f2a.91:7");
    const lines = log.lines.filter((line) => line.requestId === "lb-4f2a.91:7");
    expect(lines.map((line) => line.msg)).toEqual(["inside the handler", "request handled"]);
    expect(lines[1]).toMatchObject({ route: "teams", method: "POST", status: 200 });

    for (const odd of ['x" injected="1', "a".repeat(129), "who am i"]) {
      const replaced = (await post(odd)).headers.get("x-request-id");
      expect(replaced).toMatch(UUID);
    }
    const made = (await post()).headers.get("x-request-id") ?? "";
    expect(made).toMatch(UUID);
    expect(log.lines.filter((line) => line.requestId === made)).toHaveLength(2);
    // Work outside any request carries no id.
    const logger = createLogger("info", log);
    logger.info("between requests");
    expect(log.lines.at(-1)).not.toHaveProperty("requestId");
  });

  it("logs the route, never the query string or the body", async () => {
    const { url, log } = await start(() => ({
      slackEvents: async (_request, response) => {
        response.end();
      },
    }));
    await fetch(`${url}/slack/events?email=jo.bloggs@example.org`, {
      method: "POST",
      body: "user=Jo Bloggs, 1 Acacia Avenue",
    });
    await fetch(`${url}/not-a-route/jo.bloggs@example.org`);
    const written = JSON.stringify(log.lines);
    expect(written).not.toMatch(/bloggs|acacia/i);
    expect(log.lines.map((line) => line.route)).toEqual(["slack", "other"]);
  });

  it("answers /readyz from the readiness state and a database ping that must answer in time", async () => {
    let database: () => Promise<unknown> = async () => 1;
    const readiness = new Readiness(() => database(), 100);
    const { url } = await start(() => ({ readiness }));
    const ready = async () => {
      const response = await fetch(`${url}/readyz`);
      return { status: response.status, body: await response.json() };
    };

    expect(await ready()).toEqual({ status: 503, body: { ready: false, reason: "starting" } });
    readiness.started();
    expect(await ready()).toEqual({ status: 200, body: { status: "ready" } });
    database = async () => {
      throw new Error("connection refused");
    };
    expect(await ready()).toEqual({ status: 503, body: { ready: false, reason: "database not answering" } });
    database = () => new Promise(() => {});
    expect(await ready()).toEqual({ status: 503, body: { ready: false, reason: "database not answering" } });
    database = async () => 1;
    readiness.stopping();
    expect(await ready()).toEqual({ status: 503, body: { ready: false, reason: "shutting down" } });
    // Liveness is another matter: the process still answers.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("serves /metrics with each route's latency, from a registry of its own", async () => {
    const metrics = new AppMetrics();
    const other = new AppMetrics();
    const { url } = await start(() => ({
      metrics,
      slackEvents: async (_request, response) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        response.end();
      },
    }));
    for (let i = 0; i < 3; i++) await fetch(`${url}/slack/events`, { method: "POST" });
    await fetch(`${url}/healthz`);
    await fetch(`${url}/nowhere`);

    const scrape = await fetch(`${url}/metrics`);
    expect(scrape.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await scrape.text();
    const slack = { route: "slack", method: "POST", status: "200" };
    expect(sampleSum(text, "ldg_http_request_duration_seconds_count", slack)).toBe(3);
    // Each took at least 30 ms, and none 3 s.
    expect(sampleSum(text, "ldg_http_request_duration_seconds_sum", slack)).toBeGreaterThanOrEqual(0.09);
    expect(sampleSum(text, "ldg_http_request_duration_seconds_bucket", { ...slack, le: "0.025" })).toBe(0);
    expect(sampleSum(text, "ldg_http_request_duration_seconds_bucket", { ...slack, le: "3" })).toBe(3);
    expect(
      sampleSum(text, "ldg_http_request_duration_seconds_count", { route: "other", status: "404" }),
    ).toBe(1);
    expect(sampleSum(text, "ldg_http_request_duration_seconds_count", { route: "healthz" })).toBe(1);
    expect(text).toContain("ldg_process_cpu_seconds_total");
    // The other app's registry saw none of it.
    expect(sampleSum(await other.exposition(), "ldg_http_request_duration_seconds_count")).toBe(0);
  });
});
