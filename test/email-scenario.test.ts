import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import {
  type ConnectorStandIn,
  cardAction,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { freePort } from "./support/free-port.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { SIGNING_SECRET } from "./support/slack-requests.js";
import { linksIn, type SmtpSink, startSmtpSink } from "./support/smtp-sink.js";
import { type FreshDatabase, freshDatabase } from "./support/temp-store.js";

const OFFICER = { email: "sam.holmes@nyfrs.example", slackId: "U0SAM00001" };
const COORDINATOR = "coordinator.craven@ldg.example";
const POLICE_SPOC = {
  email: "rachel.moorhouse@nypolice.example",
  teams: { id: "29:rachel", aadObjectId: "aad-rachel" },
  chat: { id: "a:rachel-chat", conversationType: "personal" as const },
};
const COUNCIL_SPOC = {
  email: "julie.ackroyd@northyorks.example",
  teams: { id: "29:julie", aadObjectId: "aad-julie" },
  chat: { id: "a:julie-chat", conversationType: "personal" as const },
};
const EMAIL_SPOC = "sarah.gill@yas.example";

describe("one problem on Slack, Teams and email", () => {
  let database: FreshDatabase;
  let app: RunningApp;
  let slackApi: SlackApiStandIn;
  let connector: ConnectorStandIn;
  let sink: SmtpSink;

  beforeAll(async () => {
    database = await freshDatabase();
    [slackApi, connector, sink] = await Promise.all([
      startSlackApiStandIn(),
      startConnectorStandIn(),
      startSmtpSink(),
    ]);
    slackApi.users.set(OFFICER.slackId, OFFICER.email);
    for (const spoc of [POLICE_SPOC, COUNCIL_SPOC]) {
      connector.members.set(spoc.teams.id, { ...spoc.teams, name: spoc.email, email: spoc.email });
    }
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: database.databaseUrl,
      SLACK_BOT_TOKEN: "xoxb-0000-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(sink.port),
      SMTP_TLS: "none",
      SMTP_FROM: "ldg-bot <ldg-bot@ldg.example>",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LINK_SECRET: "scenario-secret-0123456789abcdef0123456789",
      PLAYGROUND: "off",
      SCHEDULES: "off",
    });
    // Teams without a tenant: the connector stand-in sends unsigned activities, which the bot takes
    // only in local mode (on loopback). So Slack and email are configured as in production, and the
    // app runs in local mode for Teams beside them.
    app = await startApp({ ...config, port, localMode: true }, createLogger("silent"));
    await app.outbox.stop();
    await loadDemoRegisterIfEmpty(app.store);
    // The officer's Slack id is in the register; the Teams SPOCs link themselves by saying hello.
    await app.store.contact.update({
      where: { email: OFFICER.email },
      data: { slackUserId: OFFICER.slackId, preferredPlatform: "SLACK" },
    });
    for (const spoc of [POLICE_SPOC, COUNCIL_SPOC]) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(teamsMessage(connector.serviceUrl, "hello", spoc.teams, spoc.chat)),
      });
      expect(response.status).toBeLessThan(300);
    }
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([slackApi?.close(), connector?.close(), sink?.close()]);
    await database?.dispose();
  });

  it("sends each person the problem on their own channel, and each acts on it there", async () => {
    const services = createServices(app.store);
    const actorOf = async (email: string) => {
      const contact = await services.register.findByEmail(email);
      return actorFromContact(contact as NonNullable<typeof contact>);
    };
    const officer = await actorOf(OFFICER.email);
    const coordinator = await actorOf(COORDINATOR);
    const { problem } = await services.problems.raise(officer, {
      title: "Cars racing on the bypass at night",
      area: "CRA",
      category: "road safety",
      harm: 3,
      likelihood: 3,
      description: "A resident at 3 Bypass Cottages was nearly hit.",
    });
    const task = (organisation: string, text: string, assigneeEmail: string) =>
      services.actions.task(coordinator, problem.ref, {
        text,
        organisation,
        assigneeEmail,
        due: "in 2 weeks",
      });
    const police = await task("North Yorkshire Police", "Speed checks on the bypass", POLICE_SPOC.email);
    const council = await task("North Yorkshire Council", "Survey the lay-bys", COUNCIL_SPOC.email);
    const ambulance = await task("Yorkshire Ambulance Service", "Share collision call-outs", EMAIL_SPOC);
    await app.outbox.deliverDue();

    // Teams: each SPOC's own action card, in their personal chat.
    const inTeams = (chat: string) =>
      connector.replies
        .filter((reply) => (reply.conversation as { id?: string } | undefined)?.id === chat)
        .map(replyText)
        .join("\n");
    expect(inTeams(POLICE_SPOC.chat.id)).toContain("Speed checks on the bypass");
    expect(inTeams(POLICE_SPOC.chat.id)).toContain(problem.ref);
    expect(inTeams(COUNCIL_SPOC.chat.id)).toContain("Survey the lay-bys");
    expect(inTeams(COUNCIL_SPOC.chat.id)).not.toContain("Speed checks");

    // Email: the ambulance SPOC's action, with its links, and nothing of it in chat.
    const mail = sink.mailTo(EMAIL_SPOC).at(-1);
    if (!mail) throw new Error("the email SPOC got no email");
    expect(mail.parsed.subject).toBe(
      `OFFICIAL-SENSITIVE: New action for Yorkshire Ambulance Service on ${problem.ref}`,
    );
    expect(mail.parsed.text).toContain("Share collision call-outs");
    expect(mail.parsed.text).not.toContain("Bypass Cottages");
    expect(JSON.stringify(slackApi.calls)).not.toContain("Share collision call-outs");

    // The police SPOC accepts in Teams; the ambulance SPOC accepts by the link over HTTP.
    const pressed = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(
        cardAction(
          connector.serviceUrl,
          { verb: "action.accept", data: { target: police.id } },
          POLICE_SPOC.teams,
          POLICE_SPOC.chat,
        ),
      ),
    });
    expect(pressed.status).toBe(200);
    const accept = linksIn(mail).get("Accept") as string;
    expect(accept.startsWith(`${app.url.replace("localhost", "127.0.0.1")}/email/act/`)).toBe(true);
    expect((await fetch(accept)).status).toBe(200);
    const accepted = await fetch(accept, { method: "POST" });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain("Accepted by Sarah Gill.");

    // The problem shows both accepts, and the council's action still waiting.
    const onProblem = await services.actions.forProblem(coordinator, problem.ref);
    const statusOf = (id: string) => onProblem.find((action) => action.id === id)?.status;
    expect([statusOf(police.id), statusOf(council.id), statusOf(ambulance.id)]).toEqual([
      "ACCEPTED",
      "PROPOSED",
      "ACCEPTED",
    ]);

    // The council SPOC declines and the police SPOC finishes (the use cases Teams' forms submit to);
    // the officer hears of the finished work in a Slack direct message, not by email.
    await services.actions.decline(
      await actorOf(COUNCIL_SPOC.email),
      council.id,
      "Lay-bys are National Highways'",
    );
    await services.actions.done(await actorOf(POLICE_SPOC.email), police.id, "Three speed checks held");
    await app.outbox.deliverDue();
    const toOfficer = slackApi
      .callsTo("chat.postMessage")
      .filter((call) => JSON.stringify(call.args).includes("Three speed checks held"));
    expect(toOfficer.length).toBe(1);
    expect(slackApi.callsTo("conversations.open").map((call) => call.args.users)).toContain(OFFICER.slackId);
    expect(JSON.stringify(toOfficer[0]?.args)).toContain(problem.ref);
    expect(sink.mailTo(OFFICER.email)).toHaveLength(0);
  });
});
