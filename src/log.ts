// Structured logs (JSON lines on stdout). Personal details and secrets are never logged.
import { type Logger, pino } from "pino";

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "ldg-bot" },
    redact: { paths: ["*.password", "*.token", "*.secret", "headers.authorization"], censor: "[redacted]" },
  });
}
