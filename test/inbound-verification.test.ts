// Inbound requests outside local mode, through the whole app as `npm start` builds it: Teams
// activities need a valid Bot Framework token once an app id is set, a Slack-only deployment does
// not serve the Teams endpoint at all (its adapter would trust anyone), nothing in the environment
// turns verification off, and local mode is reachable on loopback only.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { startPlayground } from "../src/local/playground.js";
import { createLogger } from "../src/log.js";
import { type ConnectorStandIn, startConnectorStandIn, teamsMessage } from "./support/connector-stand-in.js";
import { startSlackHarness } from "./support/slack-harness.js";

const TEAMS_ENV = {
  MICROSOFT_APP_ID: "6f1c7e3a-1b2c-4d5e-8f90-123456789abc",
  MICROSOFT_APP_PASSWORD: "app-password-for-tests",
  MICROSOFT_APP_TENANT_ID: "0a1b2c3d-1b2c-4d5e-8f90-123456789abc",
};

const base64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString("base64url");

/** A token that claims to be from the Bot Framework for our app id, signed with a key of our own. */
function forgedToken(issuer = "https://api.botframework.com"): string {
  const now = Math.floor(Date.now() / 1000);
  const head = base64url({ alg: "HS256", typ: "JWT" });
  const body = base64url({
    iss: issuer,
    aud: TEAMS_ENV.MICROSOFT_APP_ID,
    serviceurl: "http://127.0.0.1/",
    nbf: now - 60,
    exp: now + 3600,
  });
  const signed = createHmac("sha256", TEAMS_ENV.MICROSOFT_APP_PASSWORD).update(`${head}.${body}`).digest();
  return `${head}.${body}.${base64url(signed)}`;
}

async function postActivity(url: string, activity: object, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(activity),
  });
}

async function withApp(environment: Record<string, string>, use: (app: RunningApp) => Promise<void>) {
  const folder = mkdtempSync(path.join(tmpdir(), "ldg-inbound-"));
  const config = loadConfig({ DATABASE_URL: `file:${path.join(folder, "ldg.db")}`, ...environment });
  const app = await startApp({ ...config, port: 0, schedules: null }, createLogger("silent"));
  try {
    await use(app);
  } finally {
    await app.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("inbound verification outside local mode", () => {
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    connector = await startConnectorStandIn();
  });
  afterAll(async () => connector?.close());

  it("refuses Teams activities with no token or a forged one when an app id is set", async () => {
    await withApp(TEAMS_ENV, async (app) => {
      const activity = teamsMessage(connector.serviceUrl, "help");
      expect((await postActivity(app.url, activity)).status).toBe(401);
      // Claiming the Bot Framework as issuer makes the adapter fetch Microsoft's signing keys; offline
      // that fetch fails (500 here, 401 on a connected server), and either way nothing is handled.
      const forged = await postActivity(app.url, activity, { Authorization: `Bearer ${forgedToken()}` });
      expect([401, 500]).toContain(forged.status);
      const untrusted = await postActivity(app.url, activity, {
        Authorization: `Bearer ${forgedToken("https://sts.attacker.example/")}`,
      });
      expect(untrusted.status).toBe(401);
      const garbage = await postActivity(app.url, activity, { Authorization: "Bearer not.a.token" });
      expect(garbage.status).toBe(401);
      expect(connector.replies).toHaveLength(0);
      const contacts = await app.store.contact.count();
      expect(contacts).toBe(0);
    });
  });

  it("does not serve the Teams endpoint in a Slack-only deployment", async () => {
    const harness = await startSlackHarness();
    try {
      const response = await postActivity(harness.app.url, teamsMessage(connector.serviceUrl, "actions"));
      expect(response.status).toBe(404);
      expect(connector.replies).toHaveLength(0);
    } finally {
      await harness.close();
    }
  });

  it("has no setting that turns verification off or forces local mode beside credentials", () => {
    const switches = {
      LOCAL_MODE: "on",
      SLACK_SIGNATURE_VERIFICATION: "false",
      SKIP_AUTH: "true",
      MICROSOFT_APP_TYPE: "SingleTenant",
    };
    const slack = loadConfig({
      ...switches,
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "0123456789abcdef0123",
    });
    expect(slack.localMode).toBe(false);
    expect(slack.slack?.signingSecret).toBe("0123456789abcdef0123");
    const teams = loadConfig({ ...switches, ...TEAMS_ENV });
    expect(teams.localMode).toBe(false);
    expect(teams.teams?.appId).toBe(TEAMS_ENV.MICROSOFT_APP_ID);
    // An app id without its password is refused, rather than started half-authenticated.
    expect(() => loadConfig({ MICROSOFT_APP_ID: TEAMS_ENV.MICROSOFT_APP_ID })).toThrow(
      /MICROSOFT_APP_PASSWORD is needed/,
    );
  });
});

describe("local mode", () => {
  // A build machine always has some non-loopback address; without one there would be nothing to reach.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

  it("answers on loopback and refuses connections on the machine's other addresses", async () => {
    await withApp({ PLAYGROUND: "off" }, async (app) => {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      const port = new URL(app.url).port;
      expect(external, "no non-loopback IPv4 address to try").toBeDefined();
      await expect(fetch(`http://${external}:${port}/healthz`)).rejects.toThrow();
    });
  });

  it("keeps the Teams playground, which talks to the bot as the demo user, on loopback too", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const playground = startPlayground("http://127.0.0.1:9/api/messages", createLogger("silent"), port);
    expect(playground, "the playground (a devDependency) is not installed").toBeDefined();
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${port}/`).then(
          (response) => response.ok,
          () => false,
        );
        if (up) break;
        if (Date.now() > deadline) throw new Error("the playground did not start within 60 s");
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await expect(fetch(`http://${external}:${port}/`)).rejects.toThrow();
    } finally {
      playground?.kill("SIGTERM");
    }
  }, 90_000);
});
