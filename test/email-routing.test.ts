// A message goes to a person, not a platform: which channel each kind of contact gets, for every
// combination of the addresses they hold, their preference, and the platforms this bot runs; and
// digests by email for the coordinators who ask, set with `digest by email on|off`.
import { WebClient } from "@slack/web-api";
import nodemailer from "nodemailer";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatPlatform, OutboundMessage, Recipient } from "../src/chat/platform.js";
import { actorFromContact } from "../src/core/actor.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { createEmailChannel } from "../src/email/channel.js";
import { LinkIssuer } from "../src/email/link-issuer.js";
import { EmailPlatform } from "../src/email/platform.js";
import { channelsInOrder } from "../src/outbox/channel-choice.js";
import { OutboxSender } from "../src/outbox/sender.js";
import { type AppServices, createServices } from "../src/services.js";
import { SlackPlatform } from "../src/slack/platform.js";
import { PrismaEmailLinkStore } from "../src/store/email-repository.js";
import { PrismaOutboxStore } from "../src/store/outbox-repository.js";
import { createTeamsAdapter } from "../src/teams/endpoint.js";
import { TeamsPlatform } from "../src/teams/platform.js";
import { type SmtpSink, startSmtpSink } from "./support/smtp-sink.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const logger = pino({ level: "silent" });

describe("delivery routing for every combination of channels", () => {
  let temp: TempStore;
  let slack: ChatPlatform;
  let teams: ChatPlatform;
  let email: ChatPlatform;

  beforeAll(async () => {
    temp = await openTempStore();
    // The real platforms; deciding whether they can reach someone calls no service.
    slack = new SlackPlatform({ client: new WebClient("xoxb-unused"), link: async () => null });
    teams = new TeamsPlatform(createTeamsAdapter(undefined, logger), "", {
      save: async () => {},
      find: async () => null,
    });
    const links = new PrismaEmailLinkStore(temp.store);
    const settings = { publicUrl: "http://127.0.0.1", linkDays: 14, linkSecret: "x".repeat(32) };
    email = new EmailPlatform({
      settings: { from: "ldg-bot@ldg.example", linkDays: 14 },
      transport: nodemailer.createTransport({ jsonTransport: true }),
      links,
      issuer: new LinkIssuer(links, settings, () => new Date()),
    });
  });

  afterAll(async () => {
    await temp?.dispose();
  });

  type Case = {
    name: string;
    platforms: ("SLACK" | "TEAMS" | "EMAIL")[];
    recipient: Partial<Recipient>;
    kind?: string;
    expected: string[];
  };
  const person = (overrides: Partial<Recipient>): Recipient => ({
    contactId: "contact-1",
    name: "Pat Example",
    email: "pat@partner.example",
    slackUserId: null,
    teamsUserId: null,
    preferredPlatform: null,
    emailBouncedAt: null,
    digestByEmail: false,
    ...overrides,
  });
  const BOUNCED = new Date("2026-11-20T09:00:00Z");
  const cases: Case[] = [
    // No reachable channel at all: the sender fails the message and tells the coordinators.
    { name: "none: Teams only, no Teams id", platforms: ["TEAMS"], recipient: {}, expected: [] },
    {
      name: "none: Teams and email, no Teams id, email bounced",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { emailBouncedAt: BOUNCED },
      expected: [],
    },
    // One channel each.
    {
      name: "Slack only",
      platforms: ["SLACK", "TEAMS"],
      recipient: { slackUserId: "U0PAT0001" },
      expected: ["SLACK"],
    },
    {
      name: "Teams only",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", emailBouncedAt: BOUNCED },
      expected: ["TEAMS"],
    },
    { name: "email only", platforms: ["TEAMS", "EMAIL"], recipient: {}, expected: ["EMAIL"] },
    {
      name: "email only, preferring Teams",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { preferredPlatform: "TEAMS" },
      expected: ["EMAIL"],
    },
    // Everything, by preference: the preferred, then the other chat platform, then email.
    {
      name: "all, no preference",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { slackUserId: "U0PAT0001", teamsUserId: "aad-pat" },
      expected: ["SLACK", "TEAMS", "EMAIL"],
    },
    {
      name: "all, preferring Slack",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { slackUserId: "U0PAT0001", teamsUserId: "aad-pat", preferredPlatform: "SLACK" },
      expected: ["SLACK", "TEAMS", "EMAIL"],
    },
    {
      name: "all, preferring Teams",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { slackUserId: "U0PAT0001", teamsUserId: "aad-pat", preferredPlatform: "TEAMS" },
      expected: ["TEAMS", "SLACK", "EMAIL"],
    },
    {
      name: "all, preferring email",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { slackUserId: "U0PAT0001", teamsUserId: "aad-pat", preferredPlatform: "EMAIL" },
      expected: ["EMAIL", "SLACK", "TEAMS"],
    },
    {
      name: "preferring email, bounced",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", preferredPlatform: "EMAIL", emailBouncedAt: BOUNCED },
      expected: ["SLACK", "TEAMS"],
    },
    {
      name: "preferring Slack, Slack not run here",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", preferredPlatform: "SLACK" },
      expected: ["TEAMS", "EMAIL"],
    },
    {
      name: "preferring email, email not run here",
      platforms: ["SLACK", "TEAMS"],
      recipient: { teamsUserId: "aad-pat", preferredPlatform: "EMAIL" },
      expected: ["SLACK", "TEAMS"],
    },
    // Digests by email, for those who asked: first for digests only.
    {
      name: "digest by email, a digest",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", preferredPlatform: "TEAMS", digestByEmail: true },
      kind: "digest.weekly",
      expected: ["EMAIL", "TEAMS", "SLACK"],
    },
    {
      name: "digest by email, the board's digest",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", digestByEmail: true },
      kind: "digest.board",
      expected: ["EMAIL", "TEAMS"],
    },
    {
      name: "digest by email, an action",
      platforms: ["SLACK", "TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", preferredPlatform: "TEAMS", digestByEmail: true },
      kind: "action.assigned",
      expected: ["TEAMS", "SLACK", "EMAIL"],
    },
    {
      name: "digest by email, bounced",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat", digestByEmail: true, emailBouncedAt: BOUNCED },
      kind: "digest.weekly",
      expected: ["TEAMS"],
    },
    {
      name: "a digest, not asked by email",
      platforms: ["TEAMS", "EMAIL"],
      recipient: { teamsUserId: "aad-pat" },
      kind: "digest.weekly",
      expected: ["TEAMS", "EMAIL"],
    },
  ];

  it.each(cases)("$name", ({ platforms, recipient, kind, expected }) => {
    const configured = { SLACK: slack, TEAMS: teams, EMAIL: email };
    const order = channelsInOrder(
      person(recipient),
      platforms.map((name) => configured[name]),
      kind ?? "action.assigned",
    );
    expect(order.map((platform) => platform.name)).toEqual(expected);
  });
});

/** Teams as the outbox sees it: records what it would have delivered. */
class RecordingTeams implements ChatPlatform {
  readonly name = "TEAMS" as const;
  readonly delivered: { contactId: string; outbound: OutboundMessage }[] = [];
  canReach(recipient: Recipient) {
    return recipient.teamsUserId !== null;
  }
  async send(recipient: Recipient, outbound: OutboundMessage) {
    this.delivered.push({ contactId: recipient.contactId, outbound });
  }
}

describe("digests by email for coordinators who ask", () => {
  let temp: TempStore;
  let sink: SmtpSink;
  let services: AppServices;
  let closeEmail: () => void;
  const now = new Date(Date.now() + 60 * 60_000);
  const COORDINATOR = "coordinator.craven@ldg.example";

  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    sink = await startSmtpSink();
    services = createServices(temp.store, {
      now: () => now,
      channels: { slack: false, teams: true, email: true },
    });
    closeEmail = () => {};
  });

  afterAll(async () => {
    closeEmail();
    await sink?.close();
    await temp?.dispose();
  });

  async function actorFor(email: string) {
    const contact = await services.register.findByEmail(email);
    return actorFromContact(contact as NonNullable<typeof contact>);
  }

  async function say(email: string, text: string) {
    const reply = await services.interactions.command(await actorFor(email), text);
    if (reply.kind !== "message") throw new Error(`expected a message, got ${reply.kind}`);
    return JSON.stringify(reply.message);
  }

  const preference = async (email: string) =>
    (await temp.store.contact.findUniqueOrThrow({ where: { email } })).digestByEmail;

  it("takes only on or off, from coordinators and board members, and audits the change", async () => {
    expect(await say(COORDINATOR, "digest by email maybe")).toContain('Say \\"digest by email on\\"');
    expect(await say(COORDINATOR, "digest by email")).toContain("digest by email off");
    expect(await preference(COORDINATOR)).toBe(false);

    expect(await say("sarah.gill@yas.example", "digest by email on")).toContain(
      "Digests go to coordinators and board members",
    );
    expect(await preference("sarah.gill@yas.example")).toBe(false);

    expect(await say(COORDINATOR, "Digest by Email ON")).toContain("your digests now come by email");
    expect(await preference(COORDINATOR)).toBe(true);
    const audit = await temp.store.auditEvent.findMany({ where: { verb: "contact.digest_by_email" } });
    expect(audit.map((event) => [event.before, event.after])).toEqual([
      [{ digestByEmail: false }, { digestByEmail: true }],
    ]);
    // "digest <area>" still shows the digest.
    expect(await say(COORDINATOR, "digest Craven")).toContain("Craven weekly digest");
  });

  it("sends the weekly digest by email to the coordinator who asked, and in Teams to the one who did not", async () => {
    const helen = await temp.store.contact.update({
      where: { email: COORDINATOR },
      data: { teamsUserId: "aad-helen" },
    });
    const demo = await temp.store.contact.update({
      where: { email: "demo@ldg.example" },
      data: { teamsUserId: "aad-demo" },
    });
    const teams = new RecordingTeams();
    const email = createEmailChannel(
      {
        host: "127.0.0.1",
        port: sink.port,
        tls: "none",
        from: "ldg-bot@ldg.example",
        publicUrl: "http://127.0.0.1:9",
        linkSecret: "y".repeat(40),
        linkDays: 14,
      },
      temp.databaseUrl,
      temp.store,
      services,
      logger,
    );
    closeEmail = email.close;
    const sender = new OutboxSender({
      store: new PrismaOutboxStore(temp.store),
      platforms: [teams, email.platform],
      logger,
      now: () => now,
    });
    await services.digests.sendWeekly("digest.weekly:test-slot", now);
    await sender.deliverDue();

    const mailed = sink.mailTo(COORDINATOR);
    expect(mailed).toHaveLength(1);
    expect(mailed[0]?.parsed.subject).toMatch(/^OFFICIAL: Craven weekly digest, /);
    expect(mailed[0]?.parsed.text).toContain("People ldg-bot cannot reach");
    expect(teams.delivered.filter((sent) => sent.contactId === helen.id)).toHaveLength(0);
    const toDemo = teams.delivered.filter((sent) => sent.contactId === demo.id);
    expect(toDemo.length).toBeGreaterThan(0);
    expect(toDemo.every((sent) => sent.outbound.message.summary.includes("weekly digest"))).toBe(true);
    expect(sink.mailTo("demo@ldg.example")).toHaveLength(0);
  });
});
