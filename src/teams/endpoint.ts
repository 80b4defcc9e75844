// `/api/messages`: botbuilder's CloudAdapter behind a plain Node HTTP handler. With an app id the
// adapter verifies every Bot Framework token; without one (local mode only) it accepts the playground.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Response as BotResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} from "botbuilder";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { BodyTooLarge, readBody } from "../http/body.js";
import type { TeamsBot } from "./bot.js";

const MAX_ACTIVITY_BYTES = 1024 * 1024;

export function createTeamsAdapter(teams: Config["teams"], logger: Logger): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication(
    teams
      ? {
          MicrosoftAppId: teams.appId,
          MicrosoftAppPassword: teams.appPassword ?? "",
          MicrosoftAppType: teams.appType,
          MicrosoftAppTenantId: teams.tenantId ?? "",
        }
      : {},
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, "Teams turn failed");
    await context.sendActivity("Sorry, something went wrong on my side. Please try again in a minute.");
  };
  return adapter;
}

/** Adapts Node's response to the small interface botbuilder writes to. */
function botResponse(response: ServerResponse): BotResponse {
  return {
    socket: response.socket,
    header: (name: string, value: unknown) => response.setHeader(name, String(value)),
    status: (code: number) => {
      response.statusCode = code;
    },
    send: (body?: unknown) => {
      if (body === undefined || body === null) return;
      if (typeof body === "object" && !Buffer.isBuffer(body)) {
        response.setHeader("Content-Type", "application/json");
        response.write(JSON.stringify(body));
      } else response.write(body as string | Buffer);
    },
    end: () => response.end(),
  };
}

export function teamsMessagesHandler(adapter: CloudAdapter, bot: TeamsBot, logger: Logger) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(request, MAX_ACTIVITY_BYTES)).toString("utf8"));
    } catch (error) {
      response.statusCode = error instanceof BodyTooLarge ? 413 : 400;
      response.end();
      return;
    }
    const headers = request.headers as Record<string, string | string[] | undefined>;
    await adapter.process({ body, headers, method: request.method }, botResponse(response), (context) =>
      bot.run(context),
    );
    if (!response.writableEnded) response.end();
    logger.debug({ status: response.statusCode }, "Teams activity handled");
  };
}
