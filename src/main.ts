// Composition root: configuration -> app -> a banner, and a graceful stop on SIGINT/SIGTERM.
import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { PLAYGROUND_PORT } from "./local/playground.js";
import { createLogger } from "./log.js";

if (existsSync(".env")) process.loadEnvFile(".env");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const app = await startApp(config, logger);
const platforms = [config.slack && "Slack", config.teams && "Teams"].filter(Boolean).join(" and ");
logger.info({ url: app.url, localMode: config.localMode }, "ldg-bot is running");

if (config.localMode) {
  const lines = [
    "",
    "  ldg-bot is running in local mode (no Slack or Teams credentials set).",
    `  Database: ${config.databaseUrl}    Health: ${app.url}/healthz`,
    config.startPlayground
      ? `  Open http://localhost:${PLAYGROUND_PORT} for the Teams playground, then type "help" or "spoc fire".`
      : `  Teams endpoint: ${app.url}/api/messages (the playground is off: PLAYGROUND=off).`,
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} else {
  process.stdout.write(`\n  ldg-bot is running for ${platforms} at ${app.url}\n\n`);
}

// The first signal stops gracefully: no new work, the work in flight finished (up to
// SHUTDOWN_GRACE_MS), the database closed. A second one (an impatient Ctrl-C) exits at once.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) {
      logger.warn({ signal }, "stopping at once");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "stopping: finishing the work in flight");
    app.stop().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "stop failed");
        process.exit(1);
      },
    );
  });
}
