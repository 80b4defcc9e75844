import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

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
    expect(() => loadConfig({ CHASE_SCHEDULE: "0 0 8 * * 1" })).toThrow(
      /CHASE_SCHEDULE is invalid: expected a five-field cron expression/,
    );
    expect(() => loadConfig({ EXTRA_BANK_HOLIDAYS: "10/05/2027" })).toThrow(
      /EXTRA_BANK_HOLIDAYS is invalid: expected dates such as 2027-05-10/,
    );
  });
});
