// Which way Slack reaches the bot: HTTP mode serves /slack/events on the shared server; with an
// app-level token it is Socket Mode, and /slack/events is not served at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import { createSlackApp } from "../src/slack/slack-app.js";
import { PrismaSlackEvents } from "../src/store/slack-event-repository.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { SIGNING_SECRET } from "./support/slack-requests.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

describe("Slack's modes", () => {
  let temp: TempStore;
  let api: SlackApiStandIn;

  beforeAll(async () => {
    temp = await openTempStore();
    api = await startSlackApiStandIn();
  });
  afterAll(async () => {
    await api?.close();
    await temp?.dispose();
  });

  const appWith = (appToken?: string) =>
    createSlackApp({
      settings: {
        botToken: "xoxb-0000-test",
        signingSecret: SIGNING_SECRET,
        apiUrl: api.apiUrl,
        ...(appToken ? { appToken } : {}),
      },
      services: createServices(temp.store),
      events: new PrismaSlackEvents(temp.store),
      logger: createLogger("silent"),
    });

  it("serves /slack/events in HTTP mode", () => {
    expect(appWith().httpHandler).toBeTypeOf("function");
  });

  it("serves no HTTP endpoint in Socket Mode", () => {
    expect(appWith("xapp-1-A0000LDG-0000-abcdef").httpHandler).toBeUndefined();
  });
});
