// Bolt and the Web API client log through the app's pino logger, at the app's level. Their debug
// lines are dropped: they can quote request and response bodies, which hold people's details.
import { format } from "node:util";
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

export function boltLogger(logger: Logger): BoltLogger {
  const slack = logger.child({ component: "slack" });
  return {
    debug: () => {},
    info: (...parts: unknown[]) => slack.info(format(...parts)),
    warn: (...parts: unknown[]) => slack.warn(format(...parts)),
    error: (...parts: unknown[]) => slack.error(format(...parts)),
    // The level is pino's, set from LOG_LEVEL; Bolt's own setting is not used.
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
