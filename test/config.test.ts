import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { localLinkSecret } from "../src/email/link-secret.js";

describe("configuration", () => {
  it("defaults to local mode on an embedded SQLite file", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: "file:./data/ldg.db",
      port: 3978,
      timeZone: "Europe/London",
      logLevel: "info",
      localMode: true,
      startPlayground: true,
    });
    expect(loadConfig({ PLAYGROUND: "off" }).startPlayground).toBe(false);
    expect(loadConfig({ PORT: "" }).port).toBe(3978);
  });

  it("takes a PostgreSQL server as the database", () => {
    for (const url of [
      "postgresql://ldg:secret@db.example:5432/ldg",
      "postgres://db.example/ldg?sslmode=require",
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it("leaves local mode when Slack or Teams credentials are set", () => {
    const slack = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "0123456789abcdef0123",
    });
    expect(slack.localMode).toBe(false);
    expect(slack.startPlayground).toBe(false);
    expect(slack.slack?.apiUrl).toBe("https://slack.com/api/");
    const teams = loadConfig({
      MICROSOFT_APP_ID: "6f1c7e3a-1b2c-4d5e-8f90-123456789abc",
      MICROSOFT_APP_PASSWORD: "secret",
      MICROSOFT_APP_TENANT_ID: "0a1b2c3d-1b2c-4d5e-8f90-123456789abc",
    });
    expect(teams.localMode).toBe(false);
    expect(teams.teams?.appType).toBe("SingleTenant");
  });

  it.each([
    [
      { PORT: "abc" },
      /^Configuration error: PORT is invalid: expected a whole number from 1 to 65535 \(got "abc"\)$/,
    ],
    [{ PORT: "70000" }, /PORT is invalid/],
    [{ TZ: "Mars/Olympus" }, /TZ is invalid: expected an IANA time zone/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL is invalid: expected one of/],
    [{ DATABASE_URL: "mysql://db" }, /DATABASE_URL is invalid: expected a SQLite file URL/],
    [{ DATABASE_URL: "postgresql://db.example:5432" }, /or a PostgreSQL URL such as postgresql:\/\//],
    [{ SLACK_BOT_TOKEN: "xoxb-1-2-abc" }, /SLACK_SIGNING_SECRET is needed/],
    [
      { SLACK_BOT_TOKEN: "token", SLACK_SIGNING_SECRET: "0123456789abcdef" },
      /SLACK_BOT_TOKEN is invalid: expected a bot token starting xoxb-/,
    ],
    [{ SLACK_API_URL: "not a url" }, /SLACK_API_URL is invalid/],
    [
      { MICROSOFT_APP_ID: "6f1c7e3a-1b2c-4d5e-8f90-123456789abc", MICROSOFT_APP_PASSWORD: "x" },
      /MICROSOFT_APP_TENANT_ID is needed/,
    ],
    [{ PLAYGROUND: "maybe" }, /PLAYGROUND is invalid: expected on or off/],
    [
      { RETENTION_MONTHS: "0" },
      /RETENTION_MONTHS is invalid: expected a whole number of months from 1 to 120/,
    ],
    [{ RETENTION_MONTHS: "a year" }, /RETENTION_MONTHS is invalid/],
  ])("names the variable in one line: %j", (environment, expected) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(expected);
  });

  it("never echoes a secret it rejects", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "not-a-token", SLACK_SIGNING_SECRET: "zz" })).toThrow(
      /^(?!.*not-a-token)(?!.*"zz").*$/,
    );
  });

  it("stops start-up with one clear line and exit code 1", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH, PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Configuration error: PORT is invalid: expected a whole number from 1 to 65535 (got "not-a-port")',
    );
  });

  it("reads the schedules and extra days off, refusing what it cannot use", () => {
    expect(loadConfig({})).toMatchObject({
      extraBankHolidays: [],
      schedules: { chase: "0 8,13 * * 1-5", weeklyDigest: "0 8 * * 1", boardDigest: "0 8 1 * *" },
    });
    expect(loadConfig({ EXTRA_BANK_HOLIDAYS: "2027-05-10, 2029-01-01" }).extraBankHolidays).toEqual([
      "2027-05-10",
      "2029-01-01",
    ]);
    expect(loadConfig({ SCHEDULES: "off" }).schedules).toBeNull();
    expect(loadConfig({})).toMatchObject({ retentionMonths: 12, schedules: { retention: "30 2 * * *" } });
    expect(loadConfig({ RETENTION_MONTHS: "24" }).retentionMonths).toBe(24);
    expect(loadConfig({})).toMatchObject({
      verifyEveryMonths: 6,
      schedules: { registerChecks: "0 9 * * 1-5" },
    });
    expect(loadConfig({ REGISTER_VERIFY_MONTHS: "12" }).verifyEveryMonths).toBe(12);
    expect(() => loadConfig({ REGISTER_VERIFY_MONTHS: "half a year" })).toThrow(
      /REGISTER_VERIFY_MONTHS is invalid: expected a whole number of months from 1 to 24/,
    );
    expect(() => loadConfig({ CHASE_SCHEDULE: "0 0 8 * * 1" })).toThrow(
      /CHASE_SCHEDULE is invalid: expected a five-field cron expression/,
    );
    expect(() => loadConfig({ EXTRA_BANK_HOLIDAYS: "10/05/2027" })).toThrow(
      /EXTRA_BANK_HOLIDAYS is invalid: expected dates such as 2027-05-10/,
    );
  });

  it("turns email on with SMTP_HOST, with sensible defaults in local mode", () => {
    expect(loadConfig({}).email).toBeUndefined();
    expect(loadConfig({ SMTP_HOST: "smtp.example.org", SMTP_FROM: "ldg-bot@example.org" }).email).toEqual({
      host: "smtp.example.org",
      port: 587,
      tls: "starttls",
      from: "ldg-bot@example.org",
      publicUrl: "http://127.0.0.1:3978",
      linkDays: 14,
    });
    const full = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "0123456789abcdef0123",
      SMTP_HOST: "smtp.example.org",
      SMTP_TLS: "TLS",
      SMTP_USER: "ldg",
      SMTP_PASSWORD: "pw",
      SMTP_FROM: "LDG bot <ldg-bot@example.org>",
      PUBLIC_URL: "https://ldg.example.org/",
      LINK_SECRET: "s".repeat(32),
      EMAIL_LINK_DAYS: "7",
    }).email;
    expect(full).toMatchObject({
      port: 465,
      tls: "tls",
      auth: { user: "ldg", password: "pw" },
      from: "LDG bot <ldg-bot@example.org>",
      publicUrl: "https://ldg.example.org",
      linkSecret: "s".repeat(32),
      linkDays: 7,
    });
  });

  it.each([
    [{ SMTP_HOST: "smtp.example.org" }, /^Configuration error: SMTP_FROM is needed with SMTP_HOST$/],
    [{ SMTP_HOST: "smtp example", SMTP_FROM: "a@b.example" }, /SMTP_HOST is invalid: expected a host name/],
    [{ SMTP_HOST: "smtp.example.org", SMTP_FROM: "nobody" }, /SMTP_FROM is invalid: expected an address/],
    [{ SMTP_HOST: "smtp.example.org", SMTP_FROM: "LDG <a@b.example" }, /SMTP_FROM is invalid/],
    [{ SMTP_HOST: "smtp.example.org", SMTP_FROM: "a@b.example", SMTP_PORT: "0" }, /SMTP_PORT is invalid/],
    [
      { SMTP_HOST: "smtp.example.org", SMTP_FROM: "a@b.example", SMTP_TLS: "yes" },
      /SMTP_TLS is invalid: expected tls, starttls or none/,
    ],
    [
      { SMTP_HOST: "smtp.example.org", SMTP_FROM: "a@b.example", SMTP_USER: "ldg" },
      /SMTP_PASSWORD is needed/,
    ],
    [
      { SMTP_HOST: "smtp.example.org", SMTP_FROM: "a@b.example", PUBLIC_URL: "ftp://x" },
      /PUBLIC_URL is invalid/,
    ],
    [
      { SMTP_HOST: "smtp.example.org", SMTP_FROM: "a@b.example", EMAIL_LINK_DAYS: "365" },
      /EMAIL_LINK_DAYS is invalid/,
    ],
    [
      {
        SLACK_BOT_TOKEN: "xoxb-1-2-abc",
        SLACK_SIGNING_SECRET: "0123456789abcdef0123",
        SMTP_HOST: "smtp.example.org",
        SMTP_FROM: "a@b.example",
      },
      /PUBLIC_URL is needed with SMTP_HOST; LINK_SECRET is needed with SMTP_HOST$/,
    ],
  ])("names the bad email setting in one line: %j", (environment, expected) => {
    expect(() => loadConfig(environment)).toThrow(expected);
  });

  it("never echoes a link secret or SMTP password it rejects", () => {
    expect(() =>
      loadConfig({ SMTP_HOST: "smtp.example.org", SMTP_FROM: "a@b.example", LINK_SECRET: "short-secret" }),
    ).toThrow(/^(?!.*short-secret).*LINK_SECRET is invalid: expected at least 32 characters/);
  });

  it("makes a local link secret once, readable by its owner only, and keeps it", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "ldg-secret-"));
    try {
      const url = `file:${path.join(folder, "ldg.db")}`;
      const secret = localLinkSecret(url);
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(path.join(folder, "email-link-secret")).mode & 0o777).toBe(0o600);
      expect(localLinkSecret(url)).toBe(secret);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
