import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import {
  type ConnectorStandIn,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { type FreshDatabase, freshDatabase } from "./support/temp-store.js";

const DEMO = { id: "29:demo", aadObjectId: "aad-demo" };
const FIRE_SPOC = { id: "29:joanne", aadObjectId: "aad-joanne" };
const FIRE_SPOC_CHAT = { id: "a:joanne-chat", conversationType: "personal" as const };

describe("a Teams recipient who cannot be reached", () => {
  let database: FreshDatabase;
  let app: RunningApp;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    database = await freshDatabase();
    const config = loadConfig({ DATABASE_URL: database.databaseUrl, PLAYGROUND: "off" });
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    await app.outbox.stop();
    connector = await startConnectorStandIn();
    connector.members.set(DEMO.id, { id: DEMO.id, name: "Demo", email: "demo@ldg.example" });
    connector.members.set(FIRE_SPOC.id, {
      id: FIRE_SPOC.id,
      name: "Joanne",
      email: "joanne.hirst@nyfrs.example",
    });
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    await database?.dispose();
  });

  async function say(text: string, from: typeof DEMO, conversation?: typeof FIRE_SPOC_CHAT) {
    await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(teamsMessage(connector.serviceUrl, text, from, conversation)),
    });
  }

  it("fails the message and tells the area's coordinators once", async () => {
    await say("hello", DEMO);
    await say("hello", FIRE_SPOC, FIRE_SPOC_CHAT);
    connector.removedFrom.add(FIRE_SPOC_CHAT.id); // Joanne removes the app

    const services = createServices(app.store);
    const contact = await services.register.findByEmail("demo@ldg.example");
    const coordinator = actorFromContact(contact as NonNullable<typeof contact>);
    const { problem } = await services.problems.raise(coordinator, {
      title: "Deliberate fires on the moor",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
    });
    for (const text of ["Patrol the moor car park", "Fire safety talk at the school"]) {
      await services.actions.task(coordinator, problem.ref, {
        text,
        organisation: "North Yorkshire Fire and Rescue Service",
        due: "in 2 weeks",
      });
    }
    await app.outbox.deliverDue();
    const toJoanne = await app.store.outboxMessage.findMany({
      where: { kind: "action.assigned", recipient: { email: "joanne.hirst@nyfrs.example" } },
    });
    expect(toJoanne.map((message) => message.state)).toEqual(["FAILED", "FAILED"]);
    expect(toJoanne[0]?.lastError).toMatch(/removed ldg-bot in Teams/);

    const before = connector.replies.length;
    await app.outbox.deliverDue();
    const told = connector.replies.slice(before).map(replyText).join("\n");
    expect(told).toContain(
      "I can't reach Joanne Hirst (North Yorkshire Fire and Rescue Service) in Microsoft Teams",
    );
    expect(told).not.toContain(problem.ref);
    expect(told).not.toContain("moor");
    const notices = await app.store.outboxMessage.findMany({
      where: { kind: "contact.unreachable", recipient: { email: "demo@ldg.example" } },
    });
    const aboutJoanne = notices.filter(
      (notice) => (notice.payload as { contactName?: string }).contactName === "Joanne Hirst",
    );
    expect(aboutJoanne).toHaveLength(1);
  });
});
