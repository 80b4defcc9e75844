// The Teams endpoint outside local mode: botbuilder's real CloudAdapter behind our HTTP server.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { operatorActor } from "../src/core/actor.js";
import { Register } from "../src/core/register/register.js";
import { createHttpServer } from "../src/http/server.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import { PrismaConversationReferences } from "../src/store/conversation-reference-repository.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { TeamsBot } from "../src/teams/bot.js";
import { createTeamsAdapter, teamsMessagesHandler } from "../src/teams/endpoint.js";
import {
  type ConnectorStandIn,
  cardAction,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const logger = createLogger("silent");

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Teams endpoint", () => {
  let temp: TempStore;
  let register: Register;
  let connector: ConnectorStandIn;
  let server: Server;

  beforeEach(async () => {
    temp = await openTempStore();
    register = new Register(new PrismaRegisterRepository(temp.store));
    const admin = operatorActor("test");
    await register.addArea(admin, { code: "SCA", name: "Scarborough", board: "North Yorkshire Board" });
    await register.addOrganisation(admin, { name: "Yorkshire Ambulance Service", kind: "ambulance" });
    await register.addContact(admin, {
      name: "Jo Rowe",
      email: "jo.rowe@yas.example",
      organisation: "Yorkshire Ambulance Service",
      areas: "SCA",
      roles: "SPOC",
      teamsUserId: "aad-jo-rowe-0001",
    });
    connector = await startConnectorStandIn();
  });

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await connector.close();
    await temp.dispose();
  });

  async function post(url: string, activity: object, headers: Record<string, string> = {}) {
    return fetch(`${url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(activity),
    });
  }

  /** The bot as local mode runs it (no app id), minus the local demo user: strangers stay strangers. */
  async function startLocalBot(): Promise<string> {
    const bot = new TeamsBot({
      services: createServices(temp.store),
      references: new PrismaConversationReferences(temp.store),
      logger,
    });
    server = createHttpServer(
      { teamsMessages: teamsMessagesHandler(createTeamsAdapter(undefined, logger), bot, logger) },
      logger,
    );
    return listen(server);
  }

  it("tells someone who is not in the register how to be added, and answers someone who is", async () => {
    const url = await startLocalBot();

    await post(
      url,
      teamsMessage(connector.serviceUrl, "spoc ambulance", {
        id: "29:stranger",
        aadObjectId: "aad-stranger-01",
      }),
    );
    expect(replyText(connector.replies.at(-1) ?? {})).toMatch(
      /can't find you in the Local Delivery Group's register/,
    );

    await post(
      url,
      teamsMessage(connector.serviceUrl, "spoc ambulance", { id: "29:jo", aadObjectId: "aad-jo-rowe-0001" }),
    );
    const answer = replyText(connector.replies.at(-1) ?? {});
    expect(answer).toContain("Jo Rowe");
    expect(answer).toContain("SPOC for Scarborough");
  });

  it("strips the bot's @mention in a channel before reading the command", async () => {
    const url = await startLocalBot();
    const activity = {
      ...teamsMessage(connector.serviceUrl, "<at>ldg-bot</at> spoc Scarborough", {
        id: "29:jo",
        aadObjectId: "aad-jo-rowe-0001",
      }),
      entities: [
        { type: "mention", mentioned: { id: "28:ldg-bot", name: "ldg-bot" }, text: "<at>ldg-bot</at>" },
      ],
    };
    await post(url, activity);
    expect(replyText(connector.replies.at(-1) ?? {})).toContain("Jo Rowe");
  });

  it("remembers a person's personal chat when they install the app, before they type anything", async () => {
    const url = await startLocalBot();
    const installed = {
      ...teamsMessage(connector.serviceUrl, "", { id: "29:jo", aadObjectId: "aad-jo-rowe-0001" }),
      type: "conversationUpdate",
      membersAdded: [{ id: "28:ldg-bot" }],
    };
    await post(url, installed);
    expect(replyText(connector.replies.at(-1) ?? {})).toMatch(/Hello, I'm ldg-bot/);
    const jo = await temp.store.contact.findUniqueOrThrow({ where: { email: "jo.rowe@yas.example" } });
    expect(await new PrismaConversationReferences(temp.store).find(jo.id)).toMatchObject({
      conversation: { id: "a:personal-chat-1" },
    });

    // Someone joining a group chat the bot is in is not greeted; the bot arriving there is, once.
    const groupChat = { id: "19:group-1", conversationType: "groupChat" as const };
    const joined = (memberId: string) => ({
      ...teamsMessage(connector.serviceUrl, "", { id: "29:jo", aadObjectId: "aad-jo-rowe-0001" }, groupChat),
      type: "conversationUpdate",
      membersAdded: [{ id: memberId }],
    });
    const before = connector.replies.length;
    await post(url, joined("29:someone-new"));
    expect(connector.replies.length).toBe(before);
    await post(url, joined("28:ldg-bot"));
    expect(connector.replies.length).toBe(before + 1);
  });

  it("answers in a group chat only when mentioned", async () => {
    const url = await startLocalBot();
    const jo = { id: "29:jo", aadObjectId: "aad-jo-rowe-0001" };
    const groupChat = { id: "19:group-1", conversationType: "groupChat" as const };
    await post(url, teamsMessage(connector.serviceUrl, "spoc Scarborough", jo, groupChat));
    expect(connector.replies).toHaveLength(0);

    await post(url, {
      ...teamsMessage(connector.serviceUrl, "<at>ldg-bot</at> spoc Scarborough", jo, groupChat),
      entities: [
        { type: "mention", mentioned: { id: "28:ldg-bot", name: "ldg-bot" }, text: "<at>ldg-bot</at>" },
      ],
    });
    expect(replyText(connector.replies.at(-1) ?? {})).toContain("Jo Rowe");
  });

  it("answers a card action from someone not in the register on the card", async () => {
    const url = await startLocalBot();
    const response = await post(
      url,
      cardAction(
        connector.serviceUrl,
        { verb: "problem.details", data: { target: "SCA-2026-0001" } },
        { id: "29:stranger", aadObjectId: "aad-stranger-01" },
      ),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: Record<string, unknown> };
    expect(replyText({ attachments: [{ content: body.value }] })).toMatch(
      /can't find you in the .* register/,
    );
  });

  it("refuses unauthenticated requests once a Microsoft app id is configured", async () => {
    const bot = new TeamsBot({
      services: createServices(temp.store),
      references: new PrismaConversationReferences(temp.store),
      logger,
    });
    const adapter = createTeamsAdapter(
      {
        appId: "6f1c7e3a-1b2c-4d5e-8f90-123456789abc",
        appPassword: "not-used",
        appType: "SingleTenant",
        tenantId: "0a1b2c3d-1b2c-4d5e-8f90-123456789abc",
      },
      logger,
    );
    server = createHttpServer({ teamsMessages: teamsMessagesHandler(adapter, bot, logger) }, logger);
    const url = await listen(server);
    const missing = await post(url, teamsMessage(connector.serviceUrl, "spoc ambulance"));
    expect(missing.status).toBe(401);
    const forged = await post(url, teamsMessage(connector.serviceUrl, "spoc ambulance"), {
      Authorization: "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.",
    });
    expect(forged.status).toBe(401);
    expect(connector.replies).toHaveLength(0);
  });
});
