// Boots the bot in local mode, as `npm start` does on a fresh clone, and talks to it over HTTP with
// real Bot Framework activities through botbuilder's real CloudAdapter.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import {
  type ConnectorStandIn,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { demoActor } from "./support/demo-actor.js";

describe("local mode start-up", () => {
  let folder: string;
  let app: RunningApp;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-start-"));
    const config = loadConfig({
      DATABASE_URL: `file:${path.join(folder, "ldg.db")}`,
      PLAYGROUND: "off",
    });
    expect(config.localMode).toBe(true);
    // Port 0: any free port, so the suite can run beside a bot on 3978.
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    connector = await startConnectorStandIn();
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function say(text: string, from?: { id: string; aadObjectId: string }) {
    const before = connector.replies.length;
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(teamsMessage(connector.serviceUrl, text, from)),
    });
    expect(response.status).toBeLessThan(300);
    return connector.replies.slice(before).map(replyText).join("\n");
  }

  it("listens on loopback only and answers the health check", async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  it("loaded the demo register into the empty database", async () => {
    expect(await app.store.area.count()).toBeGreaterThanOrEqual(5);
    expect(await app.store.contact.count({ where: { retiredAt: null } })).toBeGreaterThan(20);
  });

  it("answers `spoc fire` from the register", async () => {
    const answer = await say("spoc fire");
    expect(answer).toContain("North Yorkshire Fire and Rescue Service");
    expect(answer).toMatch(/SPOC for /);
  });

  it("answers `spoc Craven` and `help`, and suggests a command for a typo", async () => {
    expect(await say("spoc Craven")).toContain("Craven");
    expect(await say("help")).toContain("spoc ‹organisation, area, theme or person›");
    expect(await say("spco fire")).toContain('Did you mean "spoc');
  });

  it("links a Teams user to their register entry by email and audits the link", async () => {
    const someone = await app.store.contact.findFirstOrThrow({
      where: { retiredAt: null, teamsUserId: null },
    });
    connector.members.set("29:user-2", { id: "29:user-2", name: someone.name, email: someone.email });
    const answer = await say("spoc police", { id: "29:user-2", aadObjectId: "aad-user-2" });
    expect(answer).toContain("North Yorkshire Police");
    const linked = await app.store.contact.findUniqueOrThrow({ where: { id: someone.id } });
    expect(linked.teamsUserId).toBe("aad-user-2");
    expect(
      await app.store.auditEvent.count({ where: { entityId: someone.id, verb: "contact.linked" } }),
    ).toBe(1);
  });

  it("answers the workflow commands, and refuses politely what the user may not do", async () => {
    expect(await say("plan Craven")).toContain("Operational plan for Craven: 0 open problems");
    expect(await say("actions")).toContain("You have no open actions.");
    expect(await say("problem CRA-2026-9999")).toContain("There is no problem CRA-2026-9999.");
    expect(await say("log safe and well visit for fire")).toMatch(/officer/i);
    expect(await app.store.activity.count()).toBe(0);
  });

  it("delivers the outbox proactively in Teams to people who have spoken to the bot", async () => {
    await say("help"); // the playground's user: the demo coordinator, now reachable in Teams
    const services = createServices(app.store);
    const actorOf = (email: string) => demoActor(services, email);
    const fireRisk = { category: "fire risk", harm: 3, likelihood: 3 };
    const raised = await services.problems.raise(await actorOf("sam.holmes@nyfrs.example"), {
      ...fireRisk,
      title: "Deliberate fires on the moor",
      area: "CRA",
    });
    // Raised by the demo coordinator in York: it goes to York's other coordinators, not in Teams.
    await services.problems.raise(await actorOf("demo@ldg.example"), {
      ...fireRisk,
      title: "Bins set alight",
      area: "YRK",
    });

    const before = connector.replies.length;
    await app.outbox.deliverDue();
    const proactive = connector.replies.slice(before).map(replyText).join("\n");
    expect(proactive).toContain(raised.problem.ref);
    expect(proactive).toContain("OFFICIAL-SENSITIVE");

    const messages = await app.store.outboxMessage.findMany({
      where: { kind: "problem.raised" },
      include: { recipient: { select: { email: true, teamsChat: true } } },
    });
    expect(messages.find((message) => message.recipient.email === "demo@ldg.example")?.state).toBe("SENT");
    for (const message of messages) {
      if (message.recipient.teamsChat) expect(message.state).toBe("SENT");
      else {
        // Not in Teams, and no Slack or email channel yet: recorded as failed, with the reason.
        expect(message.state).toBe("FAILED");
        expect(message.lastError).toMatch(/no way to reach|has not installed/);
      }
    }
    expect(messages.some((message) => message.state === "FAILED")).toBe(true);
  });

  it("refuses a malformed request body without crashing", async () => {
    const response = await fetch(`${app.url}/api/messages`, { method: "POST", body: "{not json" });
    expect(response.status).toBe(400);
    expect((await fetch(`${app.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
