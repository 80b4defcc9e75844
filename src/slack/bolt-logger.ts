// Bolt and the Web API client log through the app's pino logger, at the app's level.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

export function boltLogger(logger: Logger): BoltLogger {
  const slack = logger.child({ component: "slack" });
  const line = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : String(part))).join(" ");
  return {
    debug: (...parts: unknown[]) => slack.debug(line(parts)),
    info: (...parts: unknown[]) => slack.info(line(parts)),
    warn: (...parts: unknown[]) => slack.warn(line(parts)),
    error: (...parts: unknown[]) => slack.error(line(parts)),
    // The level is pino's, set from LOG_LEVEL; Bolt's own setting is not used.
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
