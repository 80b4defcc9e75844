// Slack Web API client settings. One 429 pauses every call queued on a client, so button and
// modal handlers (which must answer in seconds) and bulk sends (the outbox, channel set-up) each
// get their own client, and neither waits out a rate limit: the interactive one fails fast and
// tells the person, the bulk one hands the wait to the outbox, which retries after Retry-After.
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "pino";
import { boltLogger } from "./bolt-logger.js";

export interface SlackConnection {
  botToken: string;
  apiUrl: string;
}

export function interactiveClientOptions(connection: SlackConnection, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: connection.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 500 },
    timeout: 2500,
    logger: boltLogger(logger),
  };
}

/** For Web API calls made while a person waits, outside Bolt's handlers (a convened problem's channel). */
export function createInteractiveClient(connection: SlackConnection, logger: Logger): WebClient {
  return new WebClient(connection.botToken, interactiveClientOptions(connection, logger));
}

export function createBulkClient(connection: SlackConnection, logger: Logger): WebClient {
  return new WebClient(connection.botToken, {
    slackApiUrl: connection.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 10_000,
    logger: boltLogger(logger),
  });
}
