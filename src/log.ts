// Structured logs (JSON lines on stdout). Personal details and secrets are never logged.
import { type DestinationStream, type Logger, pino } from "pino";
import { requestLogFields } from "./http/request-id.js";

/** `destination`: stdout unless given (tests read the lines back). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "ldg-bot" },
      // The id of the HTTP request being handled, if any (http/request-id.ts).
      mixin: requestLogFields,
      redact: { paths: ["*.password", "*.token", "*.secret", "headers.authorization"], censor: "[redacted]" },
    },
    destination,
  );
}
