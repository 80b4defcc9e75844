// Two whole bots, each started as `npm start` starts one with Slack configured, on one PostgreSQL
// database: Slack's requests alternate between them as a round-robin load balancer would send
// them. Both deliver the outbox at once, to Slack and to Teams, a double click lands one press on
// each, and Slack's retry of an event reaches the other bot. Each message arrives once, each
// action is accepted once (the other press is told so), and the event is answered once.
// Teams runs in local mode beside Slack (unsigned activities, on loopback): the connector stand-in
// cannot sign them, and verification has its own tests (inbound-verification.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import { type ConnectorStandIn, startConnectorStandIn, teamsMessage } from "./support/connector-stand-in.js";
import { demoActor } from "./support/demo-actor.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { PEOPLE } from "./support/slack-harness.js";
import { buttonPress, SIGNING_SECRET, SlackSender } from "./support/slack-requests.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const ACTIONS = 24;
const TEAMS_ACTIONS = 8;
const RACHEL_DM = `D${PEOPLE.policeSpoc.id.slice(1)}`;
/** The council's SPOC works in Teams (her demo register entry prefers it). */
const JULIE = {
  email: PEOPLE.councilSpoc.email,
  teams: { id: "29:julie", aadObjectId: "aad-julie" },
  chat: { id: "a:julie-chat", conversationType: "personal" as const },
};

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("two bots behind a load balancer on one PostgreSQL database", () => {
  let temp: TempStore;
  let api: SlackApiStandIn;
  let connector: ConnectorStandIn;
  let repliesToJulieBeforeTasks = 0;
  let bots: RunningApp[] = [];
  let senders: SlackSender[] = [];
  let actionIds: string[] = [];

  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    api = await startSlackApiStandIn();
    for (const person of Object.values(PEOPLE)) api.users.set(person.id, person.email);
    connector = await startConnectorStandIn();
    connector.members.set(JULIE.teams.id, { ...JULIE.teams, name: JULIE.email, email: JULIE.email });

    const services = createServices(temp.store);
    const actorOf = (email: string) => demoActor(services, email);
    const coordinator = await actorOf(PEOPLE.coordinator.email);
    const { problem } = await services.problems.raise(await actorOf(PEOPLE.officer.email), {
      title: "Cars racing on the bypass",
      area: "CRA",
      category: "road safety",
      harm: 2,
      likelihood: 3,
    });
    actionIds = [];
    for (let i = 0; i < ACTIONS; i++) {
      const action = await services.actions.task(coordinator, problem.ref, {
        text: `Speed check ${i + 1}`,
        organisation: "North Yorkshire Police",
        assigneeEmail: PEOPLE.policeSpoc.email,
        due: "in 2 weeks",
      });
      actionIds.push(action.id);
    }

    const config = loadConfig({
      DATABASE_URL: temp.databaseUrl,
      SLACK_BOT_TOKEN: "xoxb-0000-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      PLAYGROUND: "off",
    });
    bots = await Promise.all(
      [1, 2].map(() => startApp({ ...config, port: 0, localMode: true }, createLogger("silent"))),
    );
    senders = bots.map((bot) => new SlackSender(`${bot.url}/slack/events`));

    // Julie says hello to one bot in Teams, which keeps her chat's address in the database; the
    // council's actions, tasked after, go to her there from whichever bot sends them.
    const hello = await fetch(`${bots[1]?.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(teamsMessage(connector.serviceUrl, "hello", JULIE.teams, JULIE.chat)),
    });
    expect(hello.status).toBeLessThan(300);
    repliesToJulieBeforeTasks = repliesToJulie().length;
    for (let i = 0; i < TEAMS_ACTIONS; i++) {
      await services.actions.task(coordinator, problem.ref, {
        text: `Check the street lighting ${i + 1}`,
        organisation: "North Yorkshire Council",
        assigneeEmail: JULIE.email,
        due: "in 2 weeks",
      });
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await api?.close();
    await connector?.close();
    await temp?.dispose();
  }, 60_000);

  const settled = () => Promise.all(bots.map((bot) => bot.slack?.settled()));
  const repliesToJulie = () =>
    connector.replies.filter(
      (reply) => (reply.conversation as { id?: string } | undefined)?.id === JULIE.chat.id,
    );

  it("delivers every waiting message once, in Slack and in Teams, with both bots' senders running", async () => {
    await until(
      async () => (await temp.store.outboxMessage.count({ where: { state: "PENDING" } })) === 0,
      "the outbox to empty",
    );
    const messages = await temp.store.outboxMessage.findMany({
      select: { id: true, state: true, recipient: { select: { email: true } } },
    });
    const sent = messages.filter((message) => message.state === "SENT").map((message) => message.id);
    expect(sent.length).toBeGreaterThanOrEqual(ACTIONS);
    // The rest are for demo people Slack does not know, given up at once and reported.
    const onSlack = new Set(api.users.values());
    const notSent = messages.filter((message) => message.state !== "SENT");
    expect(
      notSent.every((message) => message.state === "FAILED" && !onSlack.has(message.recipient.email)),
    ).toBe(true);
    const postedIds = api
      .callsTo("chat.postMessage")
      .map(
        (call) =>
          (call.args.metadata as { event_payload?: { delivery_id?: string } } | undefined)?.event_payload
            ?.delivery_id,
      )
      .filter((id) => id !== undefined);
    const toJulie = await temp.store.outboxMessage.findMany({
      where: { recipient: { email: JULIE.email }, state: "SENT" },
      select: { id: true },
    });
    expect(toJulie.length).toBeGreaterThanOrEqual(TEAMS_ACTIONS);
    const sentOnSlack = sent.filter((id) => !toJulie.some((message) => message.id === id));
    expect(postedIds.sort()).toEqual(sentOnSlack.sort());
    expect(repliesToJulie().length - repliesToJulieBeforeTasks).toBe(toJulie.length);
  }, 90_000);

  it("accepts each action once when a double click lands one press on each bot", async () => {
    // Her first presses, before either bot knows her Slack user: every press links her by email at once.
    const rachel = await temp.store.contact.update({
      where: { email: PEOPLE.policeSpoc.email },
      data: { slackUserId: null },
    });
    const linkedBefore = await temp.store.auditEvent.count({
      where: { verb: "contact.linked", entityId: rachel.id },
    });
    const before = api.calls.length;
    const presses = actionIds.flatMap((actionId, index) => {
      const press = buttonPress(
        PEOPLE.policeSpoc,
        { action_id: "action.accept", value: actionId },
        {
          channel: RACHEL_DM,
          ts: `1764100000.${String(index).padStart(6, "0")}`,
          responseUrl: api.responseUrl(),
        },
      );
      return [senders[index % 2], senders[(index + 1) % 2]].map((sender) => sender?.interaction(press));
    });
    const responses = await Promise.all(presses);
    expect(responses.map((response) => response?.status)).toEqual(presses.map(() => 200));
    await settled();

    const actions = await temp.store.action.findMany({
      where: { id: { in: actionIds } },
      select: { status: true },
    });
    expect(actions.map((action) => action.status)).toEqual(actionIds.map(() => "ACCEPTED"));
    const accepted = await temp.store.auditEvent.count({
      where: { verb: "action.accepted", entityId: { in: actionIds } },
    });
    expect(accepted).toBe(ACTIONS);
    expect(
      await temp.store.auditEvent.count({ where: { verb: "contact.linked", entityId: rachel.id } }),
    ).toBe(linkedBefore + 1);
    // The press that lost each race is told, not left wondering.
    const said = JSON.stringify(api.calls.slice(before).map((call) => call.args));
    expect(said.match(/already accepted/g)).toHaveLength(ACTIONS);
  }, 90_000);

  it("answers an event once when Slack's retry reaches the other bot", async () => {
    const before = api.calls.length;
    const event = {
      type: "message",
      channel: RACHEL_DM,
      channel_type: "im",
      user: PEOPLE.policeSpoc.id,
      text: "spoc fire",
      ts: "1764100200.000100",
      event_ts: "1764100200.000100",
    };
    expect((await senders[0]?.event(event, "Ev0TWOBOTS01"))?.status).toBe(200);
    await settled();
    expect((await senders[1]?.event(event, "Ev0TWOBOTS01", { retryNum: 1 }))?.status).toBe(200);
    await settled();
    const answers = api.calls.slice(before).filter((call) => call.method === "chat.postMessage");
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]?.args)).toContain("Fire");
  }, 60_000);
});
