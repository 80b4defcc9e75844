// A register check in Teams, through botbuilder's real CloudAdapter and the connector stand-in:
// the question arrives in the SPOC's personal chat as a card; Hand over opens a form card that
// refuses handing over to oneself beside the field, then names a colleague; the colleague confirms
// from their own chat and takes the entry.
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
  cardAction,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";

type Card = Record<string, unknown>;
const JOANNE = {
  email: "joanne.hirst@nyfrs.example",
  teams: { id: "29:joanne", aadObjectId: "aad-joanne" },
  chat: { id: "a:joanne-chat", conversationType: "personal" as const },
};
const BEN = {
  email: "ben.lambert@nyfrs.example",
  teams: { id: "29:ben", aadObjectId: "aad-ben" },
  chat: { id: "a:ben-chat", conversationType: "personal" as const },
};
const ASKED_AT = new Date("2026-12-15T09:00:00Z");

function elements(node: unknown): Card[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== "object") return [];
  const record = node as Card;
  return [record, ...Object.values(record).flatMap(elements)];
}

describe("a register check in Teams", () => {
  let folder: string;
  let app: RunningApp;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-teams-check-"));
    const config = loadConfig({ DATABASE_URL: `file:${path.join(folder, "ldg.db")}`, PLAYGROUND: "off" });
    app = await startApp({ ...config, port: 0, schedules: null }, createLogger("silent"));
    await app.outbox.stop();
    connector = await startConnectorStandIn();
    for (const person of [JOANNE, BEN]) {
      connector.members.set(person.teams.id, { ...person.teams, name: person.email, email: person.email });
      const hello = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(teamsMessage(connector.serviceUrl, "hello", person.teams, person.chat)),
      });
      expect(hello.status).toBeLessThan(300);
    }
    await app.store.contact.updateMany({ data: { verifiedAt: new Date("2026-12-01T09:00:00Z") } });
    await app.store.contact.update({
      where: { email: JOANNE.email },
      data: { verifiedAt: new Date("2026-05-01T09:00:00Z") },
    });
    const services = createServices(app.store, { now: () => ASKED_AT });
    expect(await services.registerChecks.run("teams-test", ASKED_AT)).toMatchObject({ asked: 1 });
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const cardsIn = (chat: string) =>
    connector.replies
      .filter((reply) => (reply.conversation as { id?: string } | undefined)?.id === chat)
      .flatMap((reply) => ((reply.attachments ?? []) as { content: Card }[]).map((a) => a.content));

  async function press(verb: string, data: Record<string, unknown>, person: typeof JOANNE): Promise<Card> {
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(cardAction(connector.serviceUrl, { verb, data }, person.teams, person.chat)),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { value: Card }).value;
  }

  const submitOf = (card: Card) =>
    (elements(card).find((element) => element.verb === "form.submit")?.data ?? {}) as Record<string, unknown>;

  it("asks in the SPOC's chat, and hands over to a colleague who confirms", async () => {
    await app.outbox.deliverDue();
    const question = cardsIn(JOANNE.chat.id).at(-1) as Card;
    expect(replyText({ attachments: [{ content: question }] })).toContain(
      "Are you still the contact for North Yorkshire Fire and Rescue Service in Craven and Harrogate?",
    );
    const actions = elements(question).filter((element) => element.type === "Action.Execute");
    expect(actions.map((action) => action.verb)).toEqual([
      "register.confirm",
      "register.update",
      "register.handover",
    ]);
    const handOver = actions.find((action) => action.verb === "register.handover") as Card;
    const form = await press("register.handover", handOver.data as Record<string, unknown>, JOANNE);

    const toMyself = await press(
      "form.submit",
      { ...submitOf(form), successorName: "Joanne Hirst", successorEmail: JOANNE.email },
      JOANNE,
    );
    expect(replyText({ attachments: [{ content: toMyself }] })).toContain("that is your own address");
    const check = await app.store.registerCheck.findFirstOrThrow();
    expect(check).toMatchObject({ state: "ASKED", successorId: null });

    const named = await press(
      "form.submit",
      { ...submitOf(form), successorName: "Ben Lambert", successorEmail: BEN.email },
      JOANNE,
    );
    expect(replyText({ attachments: [{ content: named }] })).toContain(
      "Ben Lambert has been asked to confirm",
    );

    await app.outbox.deliverDue();
    const invitation = cardsIn(BEN.chat.id).at(-1) as Card;
    const confirm = elements(invitation).find((element) => element.verb === "register.accept") as Card;
    const accepted = await press("register.accept", confirm.data as Record<string, unknown>, BEN);
    expect(replyText({ attachments: [{ content: accepted }] })).toContain("you are now the contact");
    const ben = await app.store.contact.findUniqueOrThrow({
      where: { email: BEN.email },
      include: { memberships: { include: { area: true } } },
    });
    expect(
      ben.memberships
        .filter((m) => m.role === "SPOC")
        .map((m) => m.area.code)
        .sort(),
    ).toEqual(["CRA", "HAR"]);
    expect(await app.store.registerCheck.findFirstOrThrow()).toMatchObject({ state: "HANDED_OVER" });
  });
});
