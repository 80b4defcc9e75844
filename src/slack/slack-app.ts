// The Bolt app: HTTP mode on the shared server's /slack/events (the signing secret checked on every
// request), or Socket Mode when an app-level token is set. Every handler acknowledges first.
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { AppServices } from "../services.js";
import type { PrismaSlackEvents } from "../store/slack-event-repository.js";
import { registerAppHome } from "./app-home.js";
import { boltLogger } from "./bolt-logger.js";
import { BotAuthorization } from "./bot-authorization.js";
import { registerButtons } from "./buttons.js";
import { registerSlashCommand } from "./commands.js";
import { registerDirectMessages } from "./direct-messages.js";
import { dedupeEvents } from "./event-dedupe.js";
import { SlackIdentity } from "./identity.js";
import type { SlackProblemChannels } from "./problem-channels.js";
import { registerShortcuts } from "./shortcuts.js";
import { registerSubmissions } from "./submissions.js";
import { interactiveClientOptions, type SlackConnection } from "./web-clients.js";
import { WorkSlots } from "./work-slots.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * Work after the acks (work-slots.ts): two requests at once; while requests keep arriving, the work
 * waits for a 50 ms lull, up to 5 s.
 */
const WORK_SLOTS = { slots: 2, lullMs: 50, maxWaitMs: 5_000 };

export interface SlackSettings extends SlackConnection {
  signingSecret: string;
  /** Set: Socket Mode (no public URL needed). Unset: HTTP mode on /slack/events. */
  appToken?: string;
}

export interface SlackAppOptions {
  settings: SlackSettings;
  services: AppServices;
  events: PrismaSlackEvents;
  logger: Logger;
  problemChannels?: SlackProblemChannels;
}

export interface RunningSlackApp {
  /** HTTP mode: the handler for /slack/events on the shared server. */
  httpHandler?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every request being handled after its ack has finished (tests, shutdown). */
  settled(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): RunningSlackApp {
  const { settings, services, events, logger, problemChannels } = options;
  const clientOptions = interactiveClientOptions(settings, logger);
  const botAuthorization = new BotAuthorization(
    new WebClient(settings.botToken, clientOptions),
    settings.botToken,
    logger,
  );
  const common = {
    authorize: botAuthorization.authorize,
    logger: boltLogger(logger),
    clientOptions,
  };
  const receiver = settings.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: settings.signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        logger: common.logger,
      });
  const app = receiver
    ? new App({ ...common, receiver })
    : new App({ ...common, socketMode: true, appToken: settings.appToken });

  const inFlight = new Set<Promise<void>>();
  const workSlots = new WorkSlots(WORK_SLOTS);
  app.use(async ({ next }) => {
    workSlots.arrived();
    const handling = next();
    inFlight.add(handling);
    try {
      await handling;
    } finally {
      inFlight.delete(handling);
    }
  });
  app.use(dedupeEvents(events, logger, services.now));
  app.error(async (error) => {
    logger.error({ err: error }, "Slack handler failed");
  });

  const deps = {
    services,
    identity: new SlackIdentity(services.register, logger),
    workSlots,
    logger,
    ...(problemChannels ? { problemChannels } : {}),
  };
  registerSlashCommand(app, deps);
  registerShortcuts(app, deps);
  registerButtons(app, deps);
  registerSubmissions(app, deps);
  registerDirectMessages(app, deps);
  registerAppHome(app, deps);

  return {
    ...(receiver
      ? {
          httpHandler: async (request: IncomingMessage, response: ServerResponse) => {
            receiver.requestListener(request, response);
          },
        }
      : {}),
    async start() {
      await botAuthorization.check();
      if (!receiver) await app.start();
    },
    async stop() {
      if (!receiver) await app.stop();
      await settle(inFlight);
    },
    settled: () => settle(inFlight),
  };
}

async function settle(inFlight: Set<Promise<void>>): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
