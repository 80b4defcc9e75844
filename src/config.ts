// The environment, read once and validated with zod into one typed Config object.
// A missing or malformed value stops start-up with one line naming the variable (see main.ts).
import { z } from "zod";
import { VERIFY_EVERY_MONTHS } from "./core/register/register.js";
import { DEFAULT_RETENTION_MONTHS } from "./core/retention/retention.js";
import { LDG_TIME_ZONE } from "./core/time/due-date.js";
import { isFiveFieldCron } from "./schedule/cron-slots.js";

/** A five-field cron expression (read in TZ), defaulting to `fallback`. */
function cronSchedule(fallback: string) {
  return z.preprocess(
    (value) => (value === "" || value === undefined ? fallback : value),
    z.string().trim().refine(isFiveFieldCron, {
      message: 'expected a five-field cron expression such as "0 8 * * 1" (minute hour day month weekday)',
    }),
  );
}

/** Treats an empty string (a blank line copied from .env.example) as "not set". */
const optionalText = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.string().trim().optional(),
);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A SQLite file (`file:` and a path) or a PostgreSQL server with a database name. */
function isDatabaseUrl(url: string): boolean {
  if (url.startsWith("file:")) return url.length > "file:".length;
  if (!/^postgres(ql)?:\/\//.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.hostname !== "" && parsed.pathname.length > 1;
  } catch {
    return false;
  }
}

const configSchema = z
  .object({
    DATABASE_URL: z.preprocess(
      (value) => (value === "" || value === undefined ? "file:./data/ldg.db" : value),
      z.string().refine(isDatabaseUrl, {
        message:
          "expected a SQLite file URL such as file:./data/ldg.db, or a PostgreSQL URL such as postgresql://ldg:secret@db.example:5432/ldg",
      }),
    ),
    PORT: z.preprocess(
      (value) => (value === "" || value === undefined ? "3978" : value),
      z
        .string()
        .regex(/^\d+$/, { message: "expected a whole number from 1 to 65535" })
        .transform(Number)
        .refine((port) => port >= 1 && port <= 65535, { message: "expected a whole number from 1 to 65535" }),
    ),
    TZ: z.preprocess(
      (value) => (value === "" || value === undefined ? LDG_TIME_ZONE : value),
      z.string().refine(isTimeZone, { message: "expected an IANA time zone such as Europe/London" }),
    ),
    LOG_LEVEL: z.preprocess(
      (value) => (value === "" || value === undefined ? "info" : value),
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "expected one of fatal, error, warn, info, debug, trace, silent",
      }),
    ),
    SLACK_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xoxb-[A-Za-z0-9-]+$/, { message: "expected a bot token starting xoxb-" })
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[0-9a-f]{16,}$/i, { message: "expected the app's signing secret (hexadecimal)" })
        .optional(),
    ),
    SLACK_APP_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xapp-[A-Za-z0-9-]+$/, { message: "expected an app-level token starting xapp-" })
        .optional(),
    ),
    SLACK_API_URL: z.preprocess(
      (value) => (value === "" || value === undefined ? "https://slack.com/api/" : value),
      z.url({ protocol: /^https?$/, message: "expected an http(s) URL such as https://slack.com/api/" }),
    ),
    MICROSOFT_APP_ID: optionalText.pipe(
      z.uuid({ message: "expected the bot's Microsoft app id (a GUID)" }).optional(),
    ),
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TYPE: z.preprocess(
      (value) => (value === "" || value === undefined ? "SingleTenant" : value),
      z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"], {
        message: "expected SingleTenant, MultiTenant or UserAssignedMSI",
      }),
    ),
    MICROSOFT_APP_TENANT_ID: optionalText.pipe(
      z.uuid({ message: "expected the Microsoft Entra tenant id (a GUID)" }).optional(),
    ),
    /** Chasing: by default at 08:00 and 13:00 on weekdays (bank holidays are skipped when it runs). */
    CHASE_SCHEDULE: cronSchedule("0 8,13 * * 1-5"),
    WEEKLY_DIGEST_SCHEDULE: cronSchedule("0 8 * * 1"),
    BOARD_DIGEST_SCHEDULE: cronSchedule("0 8 1 * *"),
    /** Retention: nightly, at a quiet hour. */
    RETENTION_SCHEDULE: cronSchedule("30 2 * * *"),
    /** How long after a problem is closed its personal details are kept (UK GDPR storage limitation). */
    RETENTION_MONTHS: z.preprocess(
      (value) => (value === "" || value === undefined ? String(DEFAULT_RETENTION_MONTHS) : value),
      z
        .string()
        .regex(/^\d+$/, { message: "expected a whole number of months from 1 to 120" })
        .transform(Number)
        .refine((months) => months >= 1 && months <= 120, {
          message: "expected a whole number of months from 1 to 120",
        }),
    ),
    /** Register checks: each working day at 09:00 the SPOCs who are due are asked. */
    REGISTER_CHECK_SCHEDULE: cronSchedule("0 9 * * 1-5"),
    /** How often each SPOC is asked whether they are still the contact (and when an entry is stale). */
    REGISTER_VERIFY_MONTHS: z.preprocess(
      (value) => (value === "" || value === undefined ? String(VERIFY_EVERY_MONTHS) : value),
      z
        .string()
        .regex(/^\d+$/, { message: "expected a whole number of months from 1 to 24" })
        .transform(Number)
        .refine((months) => months >= 1 && months <= 24, {
          message: "expected a whole number of months from 1 to 24",
        }),
    ),
    /** Days off beyond the shipped England and Wales bank holidays, e.g. "2027-05-10, 2029-01-01". */
    EXTRA_BANK_HOLIDAYS: z.preprocess(
      (value) =>
        value === "" || value === undefined
          ? []
          : String(value)
              .split(/[\s,]+/)
              .filter(Boolean),
      z.array(z.iso.date({ message: "expected dates such as 2027-05-10, separated by commas" })),
    ),
    SCHEDULES: z.preprocess(
      (value) => (value === "" || value === undefined ? "on" : String(value).toLowerCase()),
      z.enum(["on", "off"], { message: "expected on or off" }),
    ),
    PLAYGROUND: z.preprocess(
      (value) => (value === "" || value === undefined ? "on" : String(value).toLowerCase()),
      z.enum(["on", "off"], { message: "expected on or off" }),
    ),
    /** Email is on when SMTP_HOST is set; the rest of the SMTP_ settings then apply. */
    SMTP_HOST: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, {
          message: "expected a host name such as smtp.example.org",
        })
        .optional(),
    ),
    SMTP_PORT: optionalText.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: "expected a whole number from 1 to 65535" })
        .transform(Number)
        .refine((port) => port >= 1 && port <= 65535, { message: "expected a whole number from 1 to 65535" })
        .optional(),
    ),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: optionalText,
    /** tls: encrypted from the start (port 465); starttls: upgraded, and refused if the server cannot; none: a trusted relay. */
    SMTP_TLS: z.preprocess(
      (value) => (value === "" || value === undefined ? "starttls" : String(value).toLowerCase()),
      z.enum(["tls", "starttls", "none"], { message: "expected tls, starttls or none" }),
    ),
    SMTP_FROM: optionalText.pipe(
      z
        .string()
        .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, {
          message: 'expected an address such as ldg-bot@example.org or "LDG bot <ldg-bot@example.org>"',
        })
        .optional(),
    ),
    /** Where people's browsers reach this bot: email links and Teams cards' chart pictures start with it. */
    PUBLIC_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message: "expected the bot's public http(s) address, such as https://ldg.example.org",
        })
        .transform((url) => url.replace(/\/+$/, ""))
        .optional(),
    ),
    LINK_SECRET: optionalText.pipe(
      z
        .string()
        .min(32, { message: "expected at least 32 characters (e.g. openssl rand -hex 32)" })
        .optional(),
    ),
    EMAIL_LINK_DAYS: z.preprocess(
      (value) => (value === "" || value === undefined ? "14" : value),
      z
        .string()
        .regex(/^\d+$/, { message: "expected a whole number of days from 1 to 90" })
        .transform(Number)
        .refine((days) => days >= 1 && days <= 90, {
          message: "expected a whole number of days from 1 to 90",
        }),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_HOST) {
      const chatConfigured = Boolean(env.SLACK_BOT_TOKEN || env.MICROSOFT_APP_ID);
      const needed: [string, string | undefined][] = [["SMTP_FROM", env.SMTP_FROM]];
      // Local mode has a default for both (see loadConfig and email/link-secret.ts).
      if (chatConfigured) needed.push(["PUBLIC_URL", env.PUBLIC_URL], ["LINK_SECRET", env.LINK_SECRET]);
      for (const [variable, value] of needed) {
        if (!value) ctx.addIssue({ code: "custom", path: [variable], message: "is needed with SMTP_HOST" });
      }
    }
    if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) {
      const missing = env.SMTP_USER ? "SMTP_PASSWORD" : "SMTP_USER";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is needed with the other SMTP login setting",
      });
    }
    const slackParts = [env.SLACK_BOT_TOKEN, env.SLACK_SIGNING_SECRET].filter(Boolean).length;
    if (slackParts === 1 || (env.SLACK_APP_TOKEN && slackParts === 0)) {
      const missing = env.SLACK_BOT_TOKEN ? "SLACK_SIGNING_SECRET" : "SLACK_BOT_TOKEN";
      ctx.addIssue({ code: "custom", path: [missing], message: "is needed with the other Slack settings" });
    }
    if (env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_PASSWORD && env.MICROSOFT_APP_TYPE !== "UserAssignedMSI") {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_PASSWORD"],
        message: "is needed with MICROSOFT_APP_ID",
      });
    }
    if (env.MICROSOFT_APP_PASSWORD && !env.MICROSOFT_APP_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_ID"],
        message: "is needed with MICROSOFT_APP_PASSWORD",
      });
    }
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE === "SingleTenant" && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_TENANT_ID"],
        message: "is needed for a SingleTenant app (or set MICROSOFT_APP_TYPE=MultiTenant)",
      });
    }
  });

type Env = z.infer<typeof configSchema>;

export interface Config {
  databaseUrl: string;
  port: number;
  timeZone: string;
  logLevel: Env["LOG_LEVEL"];
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl: string };
  teams?: { appId: string; appPassword?: string; appType: Env["MICROSOFT_APP_TYPE"]; tenantId?: string };
  /** No chat credentials: SQLite, the demo register, loopback only, and the Teams playground. */
  localMode: boolean;
  startPlayground: boolean;
  /** Where people's clients reach the bot (Teams fetches a card's chart pictures from it), no trailing slash. */
  publicUrl?: string;
  /** Days off (YYYY-MM-DD) counted as bank holidays besides the shipped ones. */
  extraBankHolidays: string[];
  /** Present when SMTP_HOST is set. */
  email?: EmailConfig;
  /** Cron expressions in `timeZone`; null when SCHEDULES=off (another replica runs them, or tests). */
  schedules: {
    chase: string;
    weeklyDigest: string;
    boardDigest: string;
    retention: string;
    registerChecks: string;
  } | null;
  /** Months after closing that a problem's personal details are removed. */
  retentionMonths: number;
  /** Months after which each SPOC is asked to check their entry, and an entry counts as stale. */
  verifyEveryMonths: number;
}

export interface EmailConfig {
  host: string;
  port: number;
  /** tls: TLS from the first byte; starttls: must upgrade; none: plain, for a trusted local relay. */
  tls: Env["SMTP_TLS"];
  auth?: { user: string; password: string };
  from: string;
  /** The bot's address as browsers reach it, without a trailing slash. */
  publicUrl: string;
  /** Signs the links in emails; in local mode, when unset, one is made and kept beside the database. */
  linkSecret?: string;
  linkDays: number;
}

export class ConfigError extends Error {}

/** Reads the configuration; throws a ConfigError whose message is one line naming each bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      const given = environment[variable];
      const shown = given && !/PASSWORD|SECRET|TOKEN/.test(variable) ? ` (got "${given}")` : "";
      return `${variable} ${issue.message.startsWith("is ") ? "" : "is invalid: "}${issue.message}${shown}`;
    });
    throw new ConfigError(`Configuration error: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  const slack =
    env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET
      ? {
          botToken: env.SLACK_BOT_TOKEN,
          signingSecret: env.SLACK_SIGNING_SECRET,
          ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
          apiUrl: env.SLACK_API_URL,
        }
      : undefined;
  const teams = env.MICROSOFT_APP_ID
    ? {
        appId: env.MICROSOFT_APP_ID,
        appType: env.MICROSOFT_APP_TYPE,
        ...(env.MICROSOFT_APP_PASSWORD ? { appPassword: env.MICROSOFT_APP_PASSWORD } : {}),
        ...(env.MICROSOFT_APP_TENANT_ID ? { tenantId: env.MICROSOFT_APP_TENANT_ID } : {}),
      }
    : undefined;
  const localMode = !slack && !teams;
  const email: EmailConfig | undefined =
    env.SMTP_HOST && env.SMTP_FROM
      ? {
          host: env.SMTP_HOST,
          port: env.SMTP_PORT ?? (env.SMTP_TLS === "tls" ? 465 : 587),
          tls: env.SMTP_TLS,
          ...(env.SMTP_USER && env.SMTP_PASSWORD
            ? { auth: { user: env.SMTP_USER, password: env.SMTP_PASSWORD } }
            : {}),
          from: env.SMTP_FROM,
          publicUrl: (env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ""),
          ...(env.LINK_SECRET ? { linkSecret: env.LINK_SECRET } : {}),
          linkDays: env.EMAIL_LINK_DAYS,
        }
      : undefined;
  return {
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    timeZone: env.TZ,
    logLevel: env.LOG_LEVEL,
    ...(slack ? { slack } : {}),
    ...(teams ? { teams } : {}),
    ...(email ? { email } : {}),
    localMode,
    startPlayground: localMode && env.PLAYGROUND === "on",
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    extraBankHolidays: env.EXTRA_BANK_HOLIDAYS,
    schedules:
      env.SCHEDULES === "on"
        ? {
            chase: env.CHASE_SCHEDULE,
            weeklyDigest: env.WEEKLY_DIGEST_SCHEDULE,
            boardDigest: env.BOARD_DIGEST_SCHEDULE,
            retention: env.RETENTION_SCHEDULE,
            registerChecks: env.REGISTER_CHECK_SCHEDULE,
          }
        : null,
    retentionMonths: env.RETENTION_MONTHS,
    verifyEveryMonths: env.REGISTER_VERIFY_MONTHS,
  };
}
