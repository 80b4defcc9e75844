// Local mode's Teams client: Microsoft 365 Agents Playground, started as a child of the bot so it
// ends with it. It is a devDependency (evaluation licence): absent from production installs.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { Logger } from "pino";

export const PLAYGROUND_PORT = 56150;

/** Keeps the playground on loopback, like the bot in local mode (see the file). */
const LOOPBACK_ONLY = new URL("./loopback-only.cjs", import.meta.url).pathname;

function playgroundCli(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  } catch {
    return undefined;
  }
}

export function startPlayground(
  botEndpoint: string,
  logger: Logger,
  port: number = PLAYGROUND_PORT,
): ChildProcess | undefined {
  const cli = playgroundCli();
  if (!cli) {
    logger.warn("The Teams playground is not installed (it is a devDependency); run npm install to get it.");
    return undefined;
  }
  const child = spawn(
    process.execPath,
    [
      "--require",
      LOOPBACK_ONLY,
      cli,
      "--app-endpoint",
      botEndpoint,
      "--channel-id",
      "msteams",
      "--port",
      String(port),
      "--disable-telemetry",
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" },
    },
  );
  child.stdout?.on("data", (chunk: Buffer) =>
    logger.debug({ playground: chunk.toString().trim() }, "playground"),
  );
  child.stderr?.on("data", (chunk: Buffer) =>
    logger.debug({ playground: chunk.toString().trim() }, "playground"),
  );
  child.on("exit", (code, signal) => {
    if (signal !== "SIGTERM") logger.warn({ code, signal }, "the Teams playground stopped");
  });
  return child;
}
