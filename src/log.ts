// Structured logs (JSON lines on stdout). Personal details and secrets are never logged: every
// logged object is walked to any depth, and a field whose name says it holds a secret or a person's
// details is censored; errors too, since a Web API or connector error carries the request it failed
// (with its Authorization header and body). Strings are scrubbed of tokens and email addresses.
import { type DestinationStream, type Logger, pino, stdSerializers } from "pino";
import { requestLogFields } from "./http/request-id.js";

const CENSORED = "[redacted]";

/** Field names that hold credentials, anywhere in a logged object. */
const SECRET_KEY = /token|password|passwd|secret|authori[sz]ation|cookie|api[-_]?key|signature|credential/i;

/** Field names that hold a person's details or free text about people. */
const PERSONAL_KEY = new Set(
  [
    "email",
    "userPrincipalName",
    "phone",
    "name",
    "givenName",
    "surname",
    "text",
    "title",
    "description",
    "note",
    "notes",
    "reason",
    "outcome",
    "assessment",
    "locationText",
    "postcode",
    "gridReference",
    "victimOrTarget",
    "offender",
    "guardian",
    "handler",
    "placeManager",
    "body",
    "data",
    "payload",
    "blocks",
    "view",
  ].map((key) => key.toLowerCase()),
);

/** Slack tokens, bearer credentials and email addresses inside free text (messages, error messages). */
const SECRET_IN_TEXT = /\b(?:xox[abposr]|xapp)-[A-Za-z0-9-]+|\bBearer\s+[A-Za-z0-9._~+/=-]+/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function scrubText(text: string): string {
  return text.replace(SECRET_IN_TEXT, CENSORED).replace(EMAIL_IN_TEXT, "[email]");
}

function sensitiveKey(key: string): boolean {
  return SECRET_KEY.test(key) || PERSONAL_KEY.has(key.toLowerCase());
}

/** A copy of `value` with sensitive fields censored and strings scrubbed, to any depth. */
export function sanitise(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) return sanitise(stdSerializers.err(value), seen);
  if (Array.isArray(value)) return value.map((item) => sanitise(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = sensitiveKey(key) ? CENSORED : sanitise(field, seen);
  }
  return copy;
}

/** `destination`: stdout unless given (tests read the lines back). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "ldg-bot" },
      // The id of the HTTP request being handled, if any (http/request-id.ts).
      mixin: requestLogFields,
      // Errors are serialised (their enumerable fields, nested errors and all), then sanitised.
      serializers: { err: (error: unknown) => sanitise(error) },
      formatters: {
        log: (object) =>
          Object.fromEntries(
            Object.entries(object).map(([key, value]) => [
              key,
              key === "err" ? value : sensitiveKey(key) ? CENSORED : sanitise(value),
            ]),
          ),
      },
      hooks: {
        // The message itself: Bolt and the Web API client format their own lines into it.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
