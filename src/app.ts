// Builds the running bot from a Config: store -> core -> chat adapters -> HTTP server.
// main.ts calls this; so do the start-up tests, which is why it returns a handle to stop it.
import type { ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { loadDemoRegisterIfEmpty } from "./demo/load-demo.js";
import { createHttpServer } from "./http/server.js";
import { startPlayground } from "./local/playground.js";
import { createServices } from "./services.js";
import { openStore, type Store } from "./store/database.js";
import { TeamsBot } from "./teams/bot.js";
import { createTeamsAdapter, teamsMessagesHandler } from "./teams/endpoint.js";

/** In local mode the playground's mock user acts as this demo register entry. */
export const LOCAL_DEMO_USER_EMAIL = "demo@ldg.example";

export interface RunningApp {
  url: string;
  store: Store;
  playground?: ChildProcess;
  stop(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const store = await openStore(config.databaseUrl);
  const services = createServices(store);
  if (config.localMode && (await loadDemoRegisterIfEmpty(store))) {
    logger.info("Loaded the demo register (fictional people) into the empty database");
  }

  const teamsBot = new TeamsBot({
    services,
    logger,
    ...(config.localMode ? { localUserEmail: LOCAL_DEMO_USER_EMAIL } : {}),
  });
  const teamsAdapter = createTeamsAdapter(config.teams, logger);
  const server = createHttpServer(
    { teamsMessages: teamsMessagesHandler(teamsAdapter, teamsBot, logger) },
    logger,
  );

  // Local mode accepts unauthenticated Teams requests, so it must not be reachable from the network.
  const host = config.localMode ? "127.0.0.1" : "0.0.0.0";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.localMode ? "127.0.0.1" : "localhost"}:${port}`;
  const playground = config.startPlayground ? startPlayground(`${url}/api/messages`, logger) : undefined;

  return {
    url,
    store,
    ...(playground ? { playground } : {}),
    async stop() {
      playground?.kill("SIGTERM");
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.$disconnect();
    },
  };
}
