import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { createLogger } from "../src/log.js";
import { type AppServices, createServices } from "../src/services.js";
import {
  type ConnectorStandIn,
  cardAction,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { type FreshDatabase, freshDatabase } from "./support/temp-store.js";

type Card = Record<string, unknown>;
type Person = { id: string; aadObjectId: string };

const DEMO: Person = { id: "29:demo", aadObjectId: "aad-demo" };
const FIRE_SPOC: Person = { id: "29:joanne", aadObjectId: "aad-joanne" };
const POLICE_SPOC: Person = { id: "29:rachel", aadObjectId: "aad-rachel" };
const GROUP_CHAT = { id: "19:group-chat-1", conversationType: "groupChat" as const };

function cardText(card: Card): string {
  return replyText({ attachments: [{ content: card }] });
}

/** Every element of a card, depth first, so tests can find inputs and actions wherever they sit. */
function elements(node: unknown): Card[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== "object") return [];
  const record = node as Card;
  return [record, ...Object.values(record).flatMap(elements)];
}

function input(card: Card, id: string): Card {
  const found = elements(card).find(
    (element) => element.id === id && String(element.type).startsWith("Input."),
  );
  if (!found) throw new Error(`the card has no input ${id}`);
  return found;
}

function submitData(card: Card): Record<string, unknown> {
  const submit = elements(card).find((element) => element.verb === "form.submit");
  if (!submit) throw new Error("the card has no submit action");
  return submit.data as Record<string, unknown>;
}

describe("Teams cards", () => {
  let database: FreshDatabase;
  let app: RunningApp;
  let connector: ConnectorStandIn;
  let services: AppServices;

  beforeAll(async () => {
    database = await freshDatabase();
    const config = loadConfig({ DATABASE_URL: database.databaseUrl, PLAYGROUND: "off" });
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    connector = await startConnectorStandIn();
    services = createServices(app.store);
    const people: [Person, string][] = [
      [DEMO, "demo@ldg.example"],
      [FIRE_SPOC, "joanne.hirst@nyfrs.example"],
      [POLICE_SPOC, "rachel.moorhouse@nypolice.example"],
    ];
    for (const [person, email] of people)
      connector.members.set(person.id, { id: person.id, name: email, email });
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    await database?.dispose();
  });

  async function say(text: string, from: Person = DEMO): Promise<Card> {
    const before = connector.replies.length;
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(teamsMessage(connector.serviceUrl, text, from)),
    });
    expect(response.status).toBeLessThan(300);
    const reply = connector.replies.slice(before).at(-1) as { attachments?: { content: Card }[] };
    const card = reply?.attachments?.[0]?.content;
    if (!card) throw new Error(`no card in reply to "${text}": ${replyText(reply ?? {})}`);
    return card;
  }

  /** Presses an Action.Execute and returns the card Teams is told to show in its place. */
  async function press(
    verb: string,
    data: Record<string, unknown>,
    from: Person = DEMO,
    conversation?: typeof GROUP_CHAT,
  ): Promise<Card> {
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(cardAction(connector.serviceUrl, { verb, data }, from, conversation)),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: Card };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    return body.value;
  }

  const raiseValues = {
    title: "Broken street lights on Mill Lane",
    area: "CRA",
    category: "ASB",
    harm: "2",
    likelihood: "3",
    vulnerablePerson: "false",
    description: "Three lights out near number 12; older residents afraid to go out.",
    classification: "OFFICIAL_SENSITIVE",
  };

  async function actorOf(email: string) {
    const contact = await services.register.findByEmail(email);
    if (!contact) throw new Error(`${email} is not in the demo register`);
    return actorFromContact(contact);
  }

  let ref: string;

  it("shows a digest's trend charts as pictures the bot serves, with their figures as alternative text", async () => {
    const card = await say("digest CRA");
    const images = elements(card).filter((element) => element.type === "Image");
    // The open-problems trend; nothing was done in the demo's weeks, so the on-time chart is words.
    expect(images).toHaveLength(1);
    expect(cardText(card)).toContain("No actions done in these weeks.");
    for (const image of images) {
      expect(String(image.url)).toMatch(new RegExp(`^${app.url}/charts/[0-9a-f]{32}\\.png$`));
      expect(String(image.altText)).toMatch(/^RED: \d+ at .*; AMBER: \d+ at .*; GREEN: \d+ at /);
      const response = await fetch(String(image.url));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await response.arrayBuffer());
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
    // An id never issued, or one not of the right shape, is not found.
    expect((await fetch(`${app.url}/charts/${"0".repeat(32)}.png`)).status).toBe(404);
    expect((await fetch(`${app.url}/charts/../ldg.db`)).status).toBe(404);
  });

  it("opens the raise form with the typed title, its inputs checked on the card", async () => {
    const card = await say("raise Broken street lights on Mill Lane");
    expect(card.version).toBe("1.5");
    const title = input(card, "title");
    expect(title).toMatchObject({
      type: "Input.Text",
      value: "Broken street lights on Mill Lane",
      isRequired: true,
    });
    expect(title.maxLength).toBe(120);
    expect(title.errorMessage).toMatch(/Title/);
    expect(input(card, "category")).toMatchObject({ type: "Input.ChoiceSet", isRequired: true });
    expect(input(card, "vulnerablePerson")).toMatchObject({ type: "Input.Toggle", value: "false" });
    expect(submitData(card)).toMatchObject({ ldgFormId: "raise" });
  });

  it("keeps the values and shows each error beside its field when the form is wrong", async () => {
    const form = await say("raise");
    const empty = await press("form.submit", { ...submitData(form), ...raiseValues, title: "   " });
    expect(cardText(empty)).toMatch(/title/i);
    const errors = elements(empty).filter((element) => element.color === "Attention");
    expect(errors.length).toBeGreaterThanOrEqual(2); // the summary and the title's own line
    expect(input(empty, "description").value).toBe(raiseValues.description);
    expect(input(empty, "category").value).toBe("ASB");

    const oversized = await press("form.submit", {
      ...submitData(form),
      ...raiseValues,
      title: "x".repeat(500),
    });
    expect(cardText(oversized)).toMatch(/120|too long|at most/i);
    expect(await app.store.problem.count()).toBe(0);
  });

  it("raises the problem from the form, once however often the card is submitted", async () => {
    const form = await say("raise Broken street lights on Mill Lane");
    const data = { ...submitData(form), ...raiseValues };
    const raised = await press("form.submit", data);
    const text = cardText(raised);
    ref = /CRA-\d{4}-\d{4,}/.exec(text)?.[0] as string;
    expect(ref).toBeDefined();
    expect(text).toContain("Broken street lights on Mill Lane");
    expect(text).toContain("OFFICIAL-SENSITIVE");
    expect(text).not.toContain("older residents"); // details stay off the shared card
    expect(elements(raised).some((element) => element.verb === "problem.details")).toBe(true);

    await press("form.submit", data);
    expect(await app.store.problem.count()).toBe(1);
  });

  it("shows the details to the one person who asked, as a view only for them", async () => {
    const updatesBefore = connector.updates.length;
    const details = await press("problem.details", { target: ref }, DEMO, GROUP_CHAT);
    expect(cardText(details)).toContain("older residents");
    expect(details.refresh).toMatchObject({
      action: { type: "Action.Execute", verb: "problem.details", data: { target: ref } },
      userIds: [DEMO.id],
    });
    expect(connector.updates.length).toBe(updatesBefore); // the shared card is left alone

    const hide = elements(details).find((element) => element.title === "Hide details");
    const shared = await press(String(hide?.verb), hide?.data as Record<string, unknown>, DEMO, GROUP_CHAT);
    expect(cardText(shared)).toContain(`${ref}: Broken street lights on Mill Lane`);
    expect(cardText(shared)).not.toContain("older residents");
    expect(shared.refresh).toBeUndefined();

    const refused = await press("problem.details", { target: ref }, POLICE_SPOC, GROUP_CHAT);
    expect(cardText(refused)).toMatch(/not|only/i);
    expect(cardText(refused)).not.toContain("older residents");
  });

  it("answers an unknown reference, on a card and in chat", async () => {
    expect(cardText(await press("problem.details", { target: "CRA-2026-9999" }))).toContain(
      "There is no problem CRA-2026-9999",
    );
    const typed = connector.replies.length;
    await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(teamsMessage(connector.serviceUrl, "convene CRA-2026-9999", DEMO)),
    });
    expect(replyText(connector.replies[typed] ?? {})).toContain("There is no problem CRA-2026-9999");
  });

  it("refuses a past due date on the task form and tasks nothing", async () => {
    const coordinator = await actorOf("demo@ldg.example");
    await services.problems.addPartner(coordinator, ref, "North Yorkshire Fire and Rescue Service");
    const form = await press("problem.task", { target: ref });
    expect(input(form, "due")).toMatchObject({ type: "Input.Text", isRequired: true });
    const past = await press("form.submit", {
      ...submitData(form),
      text: "Check the lighting columns",
      organisation: "North Yorkshire Fire and Rescue Service",
      due: "1/1/2020",
    });
    expect(cardText(past)).toMatch(/past/i);
    expect(input(past, "text").value).toBe("Check the lighting columns");
    expect(await app.store.action.count()).toBe(0);
  });

  it("lets only the action's organisation accept it, and updates the shared card for everyone", async () => {
    const coordinator = await actorOf("demo@ldg.example");
    const action = await services.actions.task(coordinator, ref, {
      text: "Fire safety visits on Mill Lane",
      organisation: "North Yorkshire Fire and Rescue Service",
      due: "in 2 weeks",
    });

    const refused = await press("action.accept", { target: action.id }, POLICE_SPOC, GROUP_CHAT);
    expect(cardText(refused)).toMatch(/only its SPOC or deputy/);
    expect((await app.store.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("PROPOSED");

    const updatesBefore = connector.updates.length;
    const accepted = await press("action.accept", { target: action.id }, FIRE_SPOC, GROUP_CHAT);
    expect(cardText(accepted)).toMatch(/accepted/i);
    expect(elements(accepted).some((element) => element.verb === "action.done")).toBe(true);
    expect(connector.updates.slice(updatesBefore)).toEqual([expect.objectContaining({ id: "card-1" })]);

    // Someone else's card still offers Accept: pressing it shows the action as it is now, and why.
    const stale = await press("action.accept", { target: action.id }, DEMO);
    expect(cardText(stale)).toMatch(/already accepted/);
    expect(
      await app.store.auditEvent.count({ where: { entityId: action.id, verb: "action.accepted" } }),
    ).toBe(1);
  });

  it("refuses an empty reason when declining, a decline form gone stale, and a card it cannot read", async () => {
    const coordinator = await actorOf("demo@ldg.example");
    const action = await services.actions.task(coordinator, ref, {
      text: "Letter drop to residents",
      organisation: "North Yorkshire Fire and Rescue Service",
      due: "in 3 weeks",
    });
    const form = await press("action.decline", { target: action.id }, FIRE_SPOC);
    const empty = await press("form.submit", { ...submitData(form), reason: "" }, FIRE_SPOC);
    expect(cardText(empty)).toMatch(/reason/i);
    expect((await app.store.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("PROPOSED");

    // Accepted by someone else while the decline form was open: the form says so, nothing changes.
    await press("action.accept", { target: action.id }, DEMO);
    const stale = await press(
      "form.submit",
      { ...submitData(form), reason: "Not our area of work" },
      FIRE_SPOC,
    );
    expect(cardText(stale)).toMatch(/accepted, so it cannot be declined/);
    expect((await app.store.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("ACCEPTED");

    expect(cardText(await press("action.reassign", { target: action.id }))).toMatch(/out of date/);
    expect(cardText(await press("form.submit", { ldgFormId: "raise", ldgFormContext: "{not json" }))).toMatch(
      /out of date/,
    );
  });
});
