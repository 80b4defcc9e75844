// Intake in an area's LDG channel from Teams, through botbuilder's real CloudAdapter and a stand-in
// for the Bot Framework connector: `@ldg-bot intake threads Craven` in a team channel makes it
// Craven's LDG channel (refused in a personal or group chat); a problem raised in Craven is then a
// new post in that channel (a new conversation in it, headlines only), and its news replies in the
// post's thread (`<channel>;messageid=<post>`). The same post is never made twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { createLogger } from "../src/log.js";
import { type AppServices, createServices } from "../src/services.js";
import {
  type ConnectorStandIn,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";

const DEMO = { id: "29:demo", aadObjectId: "aad-demo" };
const OFFICER = { id: "29:sam", aadObjectId: "aad-sam" };
const CHANNEL_ID = "19:craven-ldg@thread.tacv2";
const BOT = { id: "28:ldg-bot", name: "ldg-bot" };

const PERSONAL = {
  description: "Mr Alan Turing, 71, is shouted at through his letterbox every night",
  locationText: "3 Chapel Row, Settle",
  victimOrTarget: "Alan Turing",
};

/** A message in a team channel mentioning the bot, as Teams posts it: in the thread it was typed in. */
function channelMention(serviceUrl: string, text: string, from = DEMO) {
  const message = teamsMessage(serviceUrl, `<at>ldg-bot</at> ${text}`, from, {
    id: `${CHANNEL_ID};messageid=1764000000001`,
    conversationType: "channel",
  });
  return {
    ...message,
    entities: [{ type: "mention", mentioned: BOT, text: "<at>ldg-bot</at>" }],
    channelData: {
      tenant: { id: "tenant-1" },
      team: { id: "19:craven-team@thread.tacv2" },
      channel: { id: CHANNEL_ID },
    },
  };
}

describe("problems as threads in the area's LDG channel, in Teams", () => {
  let folder: string;
  let app: RunningApp;
  let connector: ConnectorStandIn;
  let services: AppServices;
  let ref: string;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-teams-intake-"));
    const config = loadConfig({ DATABASE_URL: `file:${path.join(folder, "ldg.db")}`, PLAYGROUND: "off" });
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    await app.outbox.stop(); // the tests deliver the outbox themselves
    connector = await startConnectorStandIn();
    services = createServices(app.store);
    connector.members.set(DEMO.id, { id: DEMO.id, name: "Demo", email: "demo@ldg.example" });
    connector.members.set(OFFICER.id, { id: OFFICER.id, name: "Sam", email: "sam.holmes@nyfrs.example" });
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function post(activity: Record<string, unknown>): Promise<string> {
    const before = connector.replies.length;
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBeLessThan(300);
    return connector.replies.slice(before).map(replyText).join("\n");
  }

  async function actorOf(email: string) {
    const contact = await services.register.findByEmail(email);
    if (!contact) throw new Error(`${email} is not in the demo register`);
    return actorFromContact(contact);
  }

  /** What the bot posted in the LDG channel's threads since reply number `from`. */
  function threadReplies(from: number) {
    return connector.replies
      .map((reply, index) => ({ reply, conversation: connector.postedTo[index] as string }))
      .slice(from)
      .filter(({ conversation }) => conversation.startsWith(`${CHANNEL_ID};messageid=`));
  }

  it("refuses a personal chat, a group chat and someone who is not a coordinator, writing nothing", async () => {
    expect(await post(teamsMessage(connector.serviceUrl, "intake threads Craven", DEMO))).toMatch(
      /not in a direct message or group chat/,
    );
    const group = teamsMessage(connector.serviceUrl, "<at>ldg-bot</at> intake threads Craven", DEMO, {
      id: "19:group-chat-1",
      conversationType: "groupChat",
    });
    expect(
      await post({ ...group, entities: [{ type: "mention", mentioned: BOT, text: "<at>ldg-bot</at>" }] }),
    ).toMatch(/not in a direct message or group chat/);
    expect(await post(channelMention(connector.serviceUrl, "intake threads", OFFICER))).toMatch(
      /Only an area's coordinator/,
    );
    expect(await post(channelMention(connector.serviceUrl, "intake threads"))).toMatch(/Which area\?/);
    expect(await app.store.areaLdgChannel.count()).toBe(0);
    // `intake` alone shows every area the coordinator coordinates.
    const shown = await post(teamsMessage(connector.serviceUrl, "intake", DEMO));
    expect(shown).toMatch(/In Craven each problem gets a private conversation/);
    expect(shown).toMatch(/In York each problem gets a private conversation/);
  });

  it("stores the team channel it was mentioned in as Craven's LDG channel", async () => {
    expect(await post(channelMention(connector.serviceUrl, "intake threads Craven"))).toMatch(
      /this is now Craven's LDG channel/,
    );
    const craven = await app.store.area.findUniqueOrThrow({ where: { code: "CRA" } });
    const stored = await app.store.areaLdgChannel.findUniqueOrThrow({ where: { areaId: craven.id } });
    expect(stored.platform).toBe("TEAMS");
    expect(stored.address).toMatchObject({
      teamsChannelId: CHANNEL_ID,
      reference: { serviceUrl: connector.serviceUrl, conversation: { id: CHANNEL_ID } },
    });
    expect(await post(channelMention(connector.serviceUrl, "intake Craven"))).toMatch(
      /In Craven problems are raised as threads.*a Teams channel/,
    );
  });

  it("posts a problem raised in Craven as a new post in the channel, headlines only, once", async () => {
    const { problem } = await services.problems.raise(await actorOf("sam.holmes@nyfrs.example"), {
      title: "Older resident harassed at night",
      area: "CRA",
      category: "ASB",
      harm: 3,
      likelihood: 2,
      classification: "OFFICIAL_SENSITIVE",
      ...PERSONAL,
    });
    ref = problem.ref;
    await app.outbox.deliverDue();
    await app.outbox.deliverDue();
    expect(connector.created).toHaveLength(1);
    const [started] = connector.created;
    expect(started?.parameters).toMatchObject({
      isGroup: true,
      channelData: { channel: { id: CHANNEL_ID }, tenant: { id: "tenant-1" } },
      activity: { type: "message" },
    });
    const card = replyText(started?.parameters.activity as Record<string, unknown>);
    expect(card).toContain(ref);
    expect(card).toContain("Older resident harassed at night");
    expect(card).toContain("AMBER");
    expect(card).toContain("OFFICIAL-SENSITIVE");
    for (const detail of Object.values(PERSONAL)) expect(card).not.toContain(detail);
    const sent = await app.store.channelPost.findFirstOrThrow({ where: { problemRef: ref } });
    expect(sent).toMatchObject({ state: "SENT", postedId: started?.id });
  });

  it("replies in the post's thread as the problem moves on", async () => {
    const since = connector.replies.length;
    await services.problems.moveTo(await actorOf("coordinator.craven@ldg.example"), ref, "TRIAGED");
    await services.problems.escalate(
      await actorOf("coordinator.craven@ldg.example"),
      ref,
      "Needs the council's housing team at board level",
    );
    await app.outbox.deliverDue();
    await app.outbox.deliverDue();
    const replies = threadReplies(since);
    expect(replies.map(({ conversation }) => conversation)).toEqual([
      connector.created[0]?.id,
      connector.created[0]?.id,
    ]);
    const text = replies.map(({ reply }) => replyText(reply)).join("\n");
    expect(text).toContain(`${ref} (AMBER, OFFICIAL-SENSITIVE): Triaged by the coordinator`);
    expect(text).toContain("Escalated to the Strategic Board");
    // The escalation's reason goes to the board, not to the channel.
    expect(text).not.toContain("housing team");
    expect(connector.created).toHaveLength(1);
  });

  it("gives a post up, and says nothing more, when the bot has been removed from the channel", async () => {
    connector.removedFrom.add(CHANNEL_ID);
    const { problem } = await services.problems.raise(await actorOf("sam.holmes@nyfrs.example"), {
      title: "Speeding on the A65",
      area: "CRA",
      category: "ROAD_SAFETY",
      harm: 2,
      likelihood: 2,
    });
    await app.outbox.deliverDue();
    const start = await app.store.channelPost.findFirstOrThrow({ where: { problemRef: problem.ref } });
    expect(start.state).toBe("FAILED");
    await services.problems.moveTo(await actorOf("coordinator.craven@ldg.example"), problem.ref, "TRIAGED");
    await app.outbox.deliverDue();
    const news = await app.store.channelPost.findMany({
      where: { problemRef: problem.ref, startsThread: false },
    });
    expect(news.map((post) => post.state)).toEqual(["FAILED"]);
    expect(connector.created).toHaveLength(1);
  });
});
