// A Teams bot message cannot carry a file, so a meeting's invitation, reschedule and cancellation
// cards link to their calendar file, which the bot serves: through the running app, botbuilder's
// real CloudAdapter and the connector stand-in. Without an address Teams can reach, no link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { createLogger } from "../src/log.js";
import { type AppServices, createServices } from "../src/services.js";
import { PrismaConversationReferences } from "../src/store/conversation-reference-repository.js";
import { createTeamsAdapter } from "../src/teams/endpoint.js";
import { TeamsPlatform } from "../src/teams/platform.js";
import {
  type ConnectorStandIn,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { type FreshDatabase, freshDatabase } from "./support/temp-store.js";

const COORDINATOR = { id: "29:demo", aadObjectId: "aad-demo", email: "demo@ldg.example" };
const POLICE_SPOC = {
  id: "29:rachel",
  aadObjectId: "aad-rachel",
  email: "rachel.moorhouse@nypolice.example",
};
const POLICE_CHAT = { id: "a:rachel-chat", conversationType: "personal" as const };
const POLICE = "North Yorkshire Police";

type OpenUrl = { type: "Action.OpenUrl"; title: string; url: string };

/** The card's Action.OpenUrl actions, wherever they sit. */
function openUrls(reply: Record<string, unknown>): OpenUrl[] {
  const found: OpenUrl[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "Action.OpenUrl") found.push(record as OpenUrl);
      Object.values(record).forEach(visit);
    }
  };
  visit(reply.attachments);
  return found;
}

describe("calendar files for Teams", () => {
  let database: FreshDatabase;
  let app: RunningApp;
  let connector: ConnectorStandIn;
  let services: AppServices;
  let meetingId: string;
  let ref: string;

  beforeAll(async () => {
    database = await freshDatabase();
    const config = loadConfig({ DATABASE_URL: database.databaseUrl, PLAYGROUND: "off" });
    // Local mode: no PUBLIC_URL, so the bot's files are at its own listening address.
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    await app.outbox.stop();
    connector = await startConnectorStandIn();
    services = createServices(app.store);
    for (const person of [COORDINATOR, POLICE_SPOC])
      connector.members.set(person.id, { id: person.id, name: person.email, email: person.email });
    for (const [person, chat] of [
      [COORDINATOR, undefined],
      [POLICE_SPOC, POLICE_CHAT],
    ] as const) {
      const hello = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(teamsMessage(connector.serviceUrl, "hello", person, chat)),
      });
      expect(hello.status).toBeLessThan(300);
    }
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    await database?.dispose();
  });

  async function coordinator() {
    const contact = await services.register.findByEmail(COORDINATOR.email);
    if (!contact) throw new Error("the demo coordinator is not in the register");
    return actorFromContact(contact);
  }

  /** Delivers the outbox and returns the newest card to the police SPOC that mentions `text`. */
  async function deliveredToPolice(text: string): Promise<Record<string, unknown>> {
    const before = connector.replies.length;
    await app.outbox.deliverDue();
    const reply = connector.replies
      .slice(before)
      .filter((sent) => (sent.conversation as { id?: string } | undefined)?.id === POLICE_CHAT.id)
      .find((sent) => replyText(sent).includes(text));
    if (!reply) throw new Error(`the police SPOC got no card saying "${text}"`);
    return reply;
  }

  /** Follows the card's one "Add to calendar" link, as the Teams client would. */
  async function calendarFileOf(reply: Record<string, unknown>) {
    const links = openUrls(reply);
    expect(links.map((link) => link.title)).toEqual(["Add to calendar"]);
    const url = (links[0] as OpenUrl).url;
    // The bot's own address and a random id: nothing about the meeting or the people in it.
    expect(url).toMatch(new RegExp(`^${app.url}/calendar/[0-9a-f]{32}\\.ics$`));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    return {
      url,
      contentType: response.headers.get("content-type"),
      disposition: response.headers.get("content-disposition"),
      body: await response.text(),
    };
  }

  /** The calendar file the outbox holds for the police SPOC: what Slack would upload and email attach. */
  async function queuedIcs(sequence: number): Promise<string> {
    const message = await app.store.outboxMessage.findFirstOrThrow({
      where: {
        kind: "meeting.invitation",
        recipient: { email: POLICE_SPOC.email },
        key: { endsWith: `:${sequence}` },
      },
    });
    return (message.payload as { ics: string }).ics;
  }

  it("links an invitation's card to its calendar file, served for download", async () => {
    const actor = await coordinator();
    const { problem } = await services.problems.raise(actor, {
      title: "Deliberate fires on the moor",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
    });
    ref = problem.ref;
    await services.problems.addPartner(actor, ref, POLICE);
    const { meeting } = await services.meetings.convene(actor, {
      problemRefs: [ref],
      when: "next Tuesday 10:00",
    });
    meetingId = meeting.id;

    const card = await deliveredToPolice(`Meeting on ${ref}`);
    const file = await calendarFileOf(card);
    expect(file.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(file.disposition).toBe('attachment; filename="invitation.ics"');
    expect(file.body).toBe(await queuedIcs(0));
    expect(file.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(file.url).not.toContain(ref);
  });

  it("links a reschedule's card to the updated file, and a cancellation's to the cancellation", async () => {
    const actor = await coordinator();
    await services.meetings.reschedule(actor, meetingId, "next Wednesday 14:00");
    const moved = await calendarFileOf(await deliveredToPolice(`Meeting on ${ref}`));
    expect(moved.body).toBe(await queuedIcs(1));
    expect(moved.body).toContain("SEQUENCE:1");
    expect(moved.disposition).toBe('attachment; filename="invitation.ics"');

    await services.meetings.cancel(actor, meetingId, "The partners met on the moor instead");
    const cancelled = await calendarFileOf(await deliveredToPolice(`Meeting cancelled on ${ref}`));
    expect(cancelled.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
    expect(cancelled.disposition).toBe('attachment; filename="cancellation.ics"');
    expect(cancelled.body).toContain("METHOD:CANCEL");
    expect(cancelled.body).toBe(await queuedIcs(2));
    expect(new Set([moved.url, cancelled.url]).size).toBe(2);
  });

  it("sends the card without a link where Teams could not reach the bot for the file", async () => {
    const contact = await services.register.findByEmail(POLICE_SPOC.email);
    if (!contact) throw new Error("the police SPOC is not in the register");
    // As a Teams deployment without PUBLIC_URL is wired: no file publisher.
    const platform = new TeamsPlatform(
      createTeamsAdapter(undefined, createLogger("silent")),
      "",
      new PrismaConversationReferences(app.store),
    );
    const before = connector.replies.length;
    await platform.send(
      { ...contact, contactId: contact.id, teamsUserId: POLICE_SPOC.id },
      {
        message: {
          summary: "Meeting on the moor",
          blocks: [
            { kind: "heading", text: "Meeting on the moor" },
            { kind: "text", text: "Tuesday 10:00" },
          ],
        },
        attachments: [
          {
            filename: "invitation.ics",
            contentType: "text/calendar; method=REQUEST",
            content: "BEGIN:VCALENDAR",
          },
        ],
      },
    );
    const [sent] = connector.replies.slice(before);
    expect(sent && replyText(sent)).toContain("Meeting on the moor");
    expect(sent && openUrls(sent)).toEqual([]);
  });
});
