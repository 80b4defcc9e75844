// Builds the running bot from a Config: store -> core -> chat adapters -> HTTP server.
// main.ts calls this; so do the start-up tests, which is why it returns a handle to stop it.
import type { ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { configureExtraBankHolidays } from "./core/time/working-days.js";
import { loadDemoRegisterIfEmpty } from "./demo/load-demo.js";
import { createEmailChannel } from "./email/channel.js";
import { trackForDrain } from "./http/drain.js";
import { publishedFileHandler } from "./http/published-file-route.js";
import { Readiness } from "./http/readiness.js";
import { createHttpServer } from "./http/server.js";
import { startPlayground } from "./local/playground.js";
import { AppMetrics } from "./metrics/metrics.js";
import { OutboxSender } from "./outbox/sender.js";
import { ThreadSender } from "./outbox/thread-sender.js";
import { createScheduler } from "./schedule/create-scheduler.js";
import { createServices } from "./services.js";
import { SlackLdgThreads } from "./slack/ldg-threads.js";
import { SlackPlatform } from "./slack/platform.js";
import { SlackProblemChannels } from "./slack/problem-channels.js";
import { createSlackApp, type RunningSlackApp } from "./slack/slack-app.js";
import { createBulkClient, createInteractiveClient } from "./slack/web-clients.js";
import { PrismaChannelPosts } from "./store/channel-post-repository.js";
import { PrismaConversationReferences } from "./store/conversation-reference-repository.js";
import { openStore, type Store } from "./store/database.js";
import { PrismaOutboxStore } from "./store/outbox-repository.js";
import { PrismaPublishedFiles } from "./store/published-file-repository.js";
import { PrismaSlackChannels } from "./store/slack-channel-repository.js";
import { PrismaSlackEvents } from "./store/slack-event-repository.js";
import { PrismaWorkflowRepository } from "./store/workflow-repository.js";
import { TeamsBot } from "./teams/bot.js";
import { CalendarLinks } from "./teams/calendar-links.js";
import { ChartPublisher } from "./teams/chart-images.js";
import { createTeamsAdapter, teamsMessagesHandler } from "./teams/endpoint.js";
import { FilePublisher } from "./teams/file-publisher.js";
import { TeamsLdgThreads } from "./teams/ldg-threads.js";
import { TeamsPlatform } from "./teams/platform.js";

/** In local mode the playground's mock user acts as this demo register entry. */
export const LOCAL_DEMO_USER_EMAIL = "demo@ldg.example";

/** How often the outbox is delivered: short, since an invitation or a task should arrive at once. */
const OUTBOX_INTERVAL_MS = 5_000;

/**
 * Connections that may wait to be accepted. Node's default, 511, is overrun when Slack delivers a
 * burst of interactions (a card posted to a busy channel, everybody pressing Accept): the ones over
 * it are dropped and the client's retry a second or more later can miss Slack's 3 s deadline.
 * The kernel caps it at net.core.somaxconn (4096 on current Linux).
 */
const LISTEN_BACKLOG = 4096;

/**
 * How long a stop waits for work in flight before closing anyway: under the 30 s that Kubernetes
 * and compose.yaml allow between SIGTERM and SIGKILL, so the database is still closed cleanly.
 */
export const SHUTDOWN_GRACE_MS = 20_000;

export interface RunningApp {
  url: string;
  store: Store;
  /** Delivers the outbox every few seconds; tests may also ask it to deliver now. */
  outbox: OutboxSender;
  /** Present when Slack's credentials are set. */
  slack?: RunningSlackApp & { problemChannels: SlackProblemChannels };
  playground?: ChildProcess;
  /**
   * Stops taking work (readiness turns false, no new connections), lets the HTTP requests, Slack
   * handlers, outbox pass and schedule slot in flight finish, for up to `graceMs`, then closes the
   * database.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  configureExtraBankHolidays(config.extraBankHolidays);
  const store = await openStore(config.databaseUrl);
  // Teams is always on: with no app id it serves local mode's playground.
  const channels = { slack: Boolean(config.slack), teams: true, email: Boolean(config.email) };
  const readiness = new Readiness(() => store.$queryRaw`SELECT 1`);
  const metrics = new AppMetrics();
  const scheduler = config.schedules
    ? createScheduler(store, config.schedules, config.timeZone, logger, {
        retentionMonths: config.retentionMonths,
        verifyEveryMonths: config.verifyEveryMonths,
        channels,
        observer: metrics,
      })
    : null;
  const slackClient = config.slack ? createBulkClient(config.slack, logger) : undefined;
  const problemChannels =
    config.slack && slackClient
      ? new SlackProblemChannels({
          quickClient: createInteractiveClient(config.slack, logger),
          client: slackClient,
          channels: new PrismaSlackChannels(store),
          workflow: new PrismaWorkflowRepository(store),
          link: (userId, email) => services.register.linkChatUser("SLACK", userId, email),
          logger,
        })
      : undefined;
  const services = createServices(store, {
    timeZone: config.timeZone,
    scheduleStatus: async () => (await scheduler?.status()) ?? [],
    channels,
    verifyEveryMonths: config.verifyEveryMonths,
    ...(problemChannels ? { conversations: problemChannels } : {}),
  });
  if (config.localMode && (await loadDemoRegisterIfEmpty(store))) {
    logger.info("Loaded the demo register (fictional people) into the empty database");
  }

  const references = new PrismaConversationReferences(store);
  const publishedFiles = new PrismaPublishedFiles(store);
  // Teams clients fetch a card's pictures and calendar files from the bot: at its public address,
  // or in local mode its own (known once it listens). Without either, charts go as words and
  // invitations without a calendar file.
  let listeningUrl = "";
  const filesBaseUrl = config.publicUrl ?? (config.localMode ? () => listeningUrl : undefined);
  const filePublisher = filesBaseUrl ? new FilePublisher(publishedFiles, filesBaseUrl) : undefined;
  const teamsFiles = filePublisher
    ? { charts: new ChartPublisher(filePublisher), calendars: new CalendarLinks(filePublisher) }
    : undefined;
  const teamsBot = new TeamsBot({
    services,
    references,
    logger,
    ...(teamsFiles ? { charts: teamsFiles.charts } : {}),
    ...(config.localMode ? { localUserEmail: LOCAL_DEMO_USER_EMAIL } : {}),
  });
  const teamsAdapter = createTeamsAdapter(config.teams, logger);
  const slackPlatform = slackClient
    ? new SlackPlatform({
        client: slackClient,
        link: (userId, email) => services.register.linkChatUser("SLACK", userId, email),
      })
    : undefined;
  const email = config.email
    ? createEmailChannel(config.email, config.databaseUrl, store, services, logger)
    : undefined;
  const outboxStore = new PrismaOutboxStore(store);
  metrics.measureOutboxDepth(() => outboxStore.depth());
  const threads = new ThreadSender({
    posts: new PrismaChannelPosts(store),
    threads: [
      ...(slackClient ? [new SlackLdgThreads(slackClient)] : []),
      new TeamsLdgThreads(teamsAdapter, config.teams?.appId ?? ""),
    ],
    logger,
    observer: metrics,
  });
  const outbox = new OutboxSender({
    store: outboxStore,
    observer: metrics,
    alsoDeliver: [threads],
    platforms: [
      ...(slackPlatform ? [slackPlatform] : []),
      new TeamsPlatform(teamsAdapter, config.teams?.appId ?? "", references, teamsFiles),
      ...(email ? [email.platform] : []),
    ],
    logger,
  });
  const slack = config.slack
    ? createSlackApp({
        settings: config.slack,
        services,
        events: new PrismaSlackEvents(store),
        logger,
        ...(problemChannels ? { problemChannels } : {}),
      })
    : undefined;
  // Without an app id the adapter accepts unsigned activities, so /api/messages is served then only in
  // local mode (loopback): a Slack-only deployment answers it 404 instead of trusting anyone's claims.
  const teamsServed = config.teams !== undefined || config.localMode;
  const server = createHttpServer(
    {
      ...(teamsServed ? { teamsMessages: teamsMessagesHandler(teamsAdapter, teamsBot, logger) } : {}),
      publishedFiles: publishedFileHandler(publishedFiles),
      ...(slack?.httpHandler ? { slackEvents: slack.httpHandler } : {}),
      ...(email ? { emailLinks: email.linkHandler } : {}),
      readiness,
      metrics,
    },
    logger,
  );
  const http = trackForDrain(server);

  // Local mode accepts unauthenticated Teams requests, so it must not be reachable from the network.
  const host = config.localMode ? "127.0.0.1" : "0.0.0.0";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: config.port, host, backlog: LISTEN_BACKLOG }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.localMode ? "127.0.0.1" : "localhost"}:${port}`;
  listeningUrl = url;
  await slack?.start();
  const playground = config.startPlayground ? startPlayground(`${url}/api/messages`, logger) : undefined;
  outbox.start(OUTBOX_INTERVAL_MS);
  await scheduler?.start();
  readiness.started();

  return {
    url,
    store,
    outbox,
    ...(slack && problemChannels ? { slack: { ...slack, problemChannels } } : {}),
    ...(playground ? { playground } : {}),
    async stop({ graceMs = SHUTDOWN_GRACE_MS } = {}) {
      readiness.stopping();
      playground?.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      const unfinished = new Set([
        "http",
        "outbox",
        ...(slack ? ["slack"] : []),
        ...(scheduler ? ["schedule"] : []),
      ]);
      const done = (part: string) => () => unfinished.delete(part);
      // Slack handlers that run after their ack may still be started by a request in flight, so
      // they are waited for once the HTTP requests are done.
      const work = Promise.all([
        http
          .close(deadline)
          .then(({ finished }) => finished && unfinished.delete("http"))
          .then(() => slack?.stop())
          .then(() => problemChannels?.settled())
          .then(done("slack")),
        outbox.stop().then(done("outbox")),
        (scheduler?.stop() ?? Promise.resolve()).then(done("schedule")),
      ]);
      await Promise.race([
        work.catch((error: unknown) => logger.error({ err: error }, "error while stopping")),
        deadline,
      ]);
      clearTimeout(timer);
      email?.close();
      if (unfinished.size > 0) {
        logger.warn(
          { unfinished: [...unfinished], graceMs },
          "stopped before all work in flight had finished",
        );
      }
      await store.$disconnect();
    },
  };
}
