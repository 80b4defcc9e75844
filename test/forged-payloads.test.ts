// An SPOC of one organisation tries to see, accept, update and close another organisation's action
// and problem by every way in: typed commands, buttons, forged button values, and form submissions
// whose unsigned context (Slack's private_metadata, Teams' card data) names records that are not
// theirs. The core checks again on every press and submit: each attempt is refused, nothing is
// written, and the problem's personal details are never shown.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, actorFromContact } from "../src/core/actor.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { createHttpServer } from "../src/http/server.js";
import { createLogger } from "../src/log.js";
import { type AppServices, createServices } from "../src/services.js";
import { FORM_CALLBACK_ID } from "../src/slack/modal.js";
import { PrismaConversationReferences } from "../src/store/conversation-reference-repository.js";
import type { Store } from "../src/store/database.js";
import { TeamsBot } from "../src/teams/bot.js";
import { createTeamsAdapter, teamsMessagesHandler } from "../src/teams/endpoint.js";
import { FORM_SUBMIT_VERB } from "../src/teams/form-card.js";
import {
  type ConnectorStandIn,
  cardAction,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import { buttonPress, type OpenedView, viewSubmission } from "./support/slack-requests.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const VICTIM = "Mrs Forgery Target, 9 Quiet Row";
const POLICE = "North Yorkshire Police";

interface Records {
  ref: string;
  actionId: string;
}

/** A problem in Craven with the police as its only partner, and an action proposed to the police SPOC. */
async function policeProblem(services: AppServices): Promise<Records> {
  const coordinator = await actorOf(services, PEOPLE.coordinator.email);
  const { problem } = await services.problems.raise(coordinator, {
    title: "Drug dealing from a garage",
    area: "CRA",
    category: "drugs",
    harm: 3,
    likelihood: 3,
    victimOrTarget: VICTIM,
  });
  await services.problems.addPartner(coordinator, problem.ref, POLICE);
  const action = await services.actions.task(coordinator, problem.ref, {
    text: "Visit the garage",
    organisation: POLICE,
    due: "next Friday",
  });
  return { ref: problem.ref, actionId: action.id };
}

async function actorOf(services: AppServices, email: string): Promise<Actor> {
  const contact = await services.register.findByEmail(email);
  if (!contact) throw new Error(`${email} is not in the demo register`);
  return actorFromContact(contact);
}

/** What the attempts must not have changed. */
async function unchanged(store: Store, records: Records) {
  const action = await store.action.findUniqueOrThrow({ where: { id: records.actionId } });
  expect(action.status).toBe("PROPOSED");
  expect(await store.actionUpdate.count({ where: { actionId: records.actionId } })).toBe(0);
  const problem = await store.problem.findUniqueOrThrow({ where: { ref: records.ref } });
  expect(problem.status).not.toBe("CLOSED");
  expect(problem.escalationReason).toBeNull();
}

describe("forged payloads through Slack", () => {
  let harness: SlackHarness;
  let records: Records;
  const joanne = PEOPLE.fireSpoc;

  beforeAll(async () => {
    harness = await startSlackHarness();
    records = await policeProblem(createServices(harness.app.store));
  });
  afterAll(async () => harness?.close());

  async function press(actionId: string, value: string) {
    const response = await harness.slack.interaction(
      buttonPress(
        joanne,
        { action_id: actionId, value },
        {
          channel: `D${joanne.id.slice(1)}`,
          ts: "1764100000.000500",
          responseUrl: harness.api.responseUrl(),
        },
      ),
    );
    expect(response.status).toBe(200);
    await harness.settle();
  }

  async function submit(view: OpenedView, values: Record<string, string>) {
    const response = await harness.slack.interaction(viewSubmission(joanne, view, values));
    expect(response.status).toBe(200);
    await harness.settle();
    return response.text();
  }

  it("refuses the fire SPOC's presses on the police's action and problem, opening no form", async () => {
    const before = harness.api.calls.length;
    const views = harness.api.callsTo("views.open").length;
    await press("action.accept", records.actionId);
    for (const intent of ["action.decline", "action.update", "action.done"])
      await press(intent, records.actionId);
    for (const intent of ["problem.details", "problem.close", "problem.escalate", "problem.task"])
      await press(intent, records.ref);
    // A second button of the same kind on a card, and a value that is not what the button carried.
    await press("action.accept#2", records.actionId);
    await press("action.accept", `${records.actionId}' OR 1=1 --`);

    // Each refusal opens for the presser alone as a message, never as a form.
    const opened = harness.api.callsTo("views.open").slice(views);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.filter((call) => (call.args.view as OpenedView).callback_id === FORM_CALLBACK_ID)).toEqual(
      [],
    );
    const said = harness.saidSince(before);
    expect(said).not.toContain(VICTIM);
    expect(said).not.toContain("Accepted by");
    expect(said).toMatch(/not part of|only its SPOC|Only/);
    await unchanged(harness.app.store, records);
  });

  it("refuses typed commands for the other organisation's problem", async () => {
    const before = harness.api.calls.length;
    const views = harness.api.callsTo("views.open").length;
    for (const typed of [`problem ${records.ref}`, `close ${records.ref}`, `escalate ${records.ref}`]) {
      await harness.slack.slashCommand(joanne, typed, harness.api.responseUrl());
    }
    await harness.settle();
    const opened = harness.api.callsTo("views.open").slice(views);
    expect(opened.filter((call) => (call.args.view as OpenedView).callback_id === FORM_CALLBACK_ID)).toEqual(
      [],
    );
    expect(harness.saidSince(before)).not.toContain(VICTIM);
    expect(harness.saidSince(before)).not.toContain("Drug dealing from a garage");
    await unchanged(harness.app.store, records);
  });

  it("re-checks access when someone else's form is submitted, or its private_metadata is forged", async () => {
    // The police SPOC's own update form and the coordinator's close form, replayed by the fire SPOC.
    await harness.slack.interaction(
      buttonPress(
        PEOPLE.policeSpoc,
        { action_id: "action.update", value: records.actionId },
        {
          channel: `D${PEOPLE.policeSpoc.id.slice(1)}`,
          ts: "1764100000.000600",
          responseUrl: harness.api.responseUrl(),
        },
      ),
    );
    await harness.settle();
    const updateForm = harness.lastOpenedView();
    expect(updateForm.private_metadata).toContain(records.actionId);
    const refusedUpdate = await submit(updateForm, { text: "Forged progress" });

    await harness.slack.slashCommand(PEOPLE.coordinator, `close ${records.ref}`, harness.api.responseUrl());
    await harness.settle();
    const closeForm = harness.lastOpenedView();
    expect(closeForm.private_metadata).toContain(records.ref);
    const refusedClose = await submit(closeForm, { outcome: "Forged", assessment: "Forged" });

    // A modal the bot never opened: metadata written by hand, naming the police's action.
    const handMade: OpenedView = {
      callback_id: FORM_CALLBACK_ID,
      private_metadata: JSON.stringify({ form: "done", context: { actionId: records.actionId }, origin: {} }),
      blocks: [
        { type: "input", block_id: "outcome", element: { type: "plain_text_input", action_id: "text" } },
      ],
    };
    const refusedDone = await submit(handMade, { outcome: "Forged completion" });
    const forgedEscalation: OpenedView = {
      ...handMade,
      private_metadata: JSON.stringify({ form: "escalate", context: { ref: records.ref }, origin: {} }),
      blocks: [
        { type: "input", block_id: "reason", element: { type: "plain_text_input", action_id: "text" } },
      ],
    };
    const refusedEscalation = await submit(forgedEscalation, { reason: "Forged escalation" });

    for (const answer of [refusedUpdate, refusedClose, refusedDone, refusedEscalation]) {
      // The modal is replaced by the refusal: no field errors that would let the form be resent.
      expect(JSON.parse(answer)).toMatchObject({ response_action: "update" });
      expect(answer).not.toContain(VICTIM);
    }
    await unchanged(harness.app.store, records);
  });
});

describe("forged payloads through Teams", () => {
  let temp: TempStore;
  let services: AppServices;
  let connector: ConnectorStandIn;
  let server: Server;
  let url: string;
  let records: Records;
  const joanne = { id: "29:joanne", aadObjectId: "aad-joanne-hirst-01" };

  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    services = createServices(temp.store);
    records = await policeProblem(services);
    await services.register.linkChatUser("TEAMS", joanne.aadObjectId, PEOPLE.fireSpoc.email);
    connector = await startConnectorStandIn();
    const logger = createLogger("silent");
    const bot = new TeamsBot({ services, references: new PrismaConversationReferences(temp.store), logger });
    // The adapter as local mode runs it: these tests are about what the core does with the activity.
    server = createHttpServer(
      { teamsMessages: teamsMessagesHandler(createTeamsAdapter(undefined, logger), bot, logger) },
      logger,
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await connector?.close();
    await temp?.dispose();
  });

  async function invoke(verb: string, data: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(cardAction(connector.serviceUrl, { verb, data }, joanne)),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: Record<string, unknown> };
    return replyText({ attachments: [{ content: body.value }] });
  }

  async function say(text: string): Promise<string> {
    const before = connector.replies.length;
    await fetch(`${url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(teamsMessage(connector.serviceUrl, text, joanne)),
    });
    return connector.replies.slice(before).map(replyText).join("\n");
  }

  it("refuses Action.Execute presses carrying the police's action and problem", async () => {
    const answers = [
      await invoke("action.accept", { target: records.actionId }),
      await invoke("action.update", { target: records.actionId }),
      await invoke("action.done", { target: records.actionId }),
      await invoke("problem.details", { target: records.ref }),
      await invoke("problem.close", { target: records.ref }),
      await invoke("problem.hide-details", { target: records.ref }),
    ];
    for (const answer of answers) {
      expect(answer).not.toContain(VICTIM);
      expect(answer).not.toMatch(/Accepted by|Add an update|Close CRA/);
    }
    expect(answers[0]).toMatch(/only its SPOC or deputy/);
    expect(answers[3]).toMatch(/not part of/);
    await unchanged(temp.store, records);
  });

  it("re-checks access on form submissions whose card data names the police's records", async () => {
    const submit = (formId: string, context: Record<string, string>, values: Record<string, string>) =>
      invoke(FORM_SUBMIT_VERB, { ldgFormId: formId, ldgFormContext: JSON.stringify(context), ...values });
    const answers = [
      await submit("update", { actionId: records.actionId }, { text: "Forged progress" }),
      await submit("done", { actionId: records.actionId }, { outcome: "Forged completion" }),
      await submit("decline", { actionId: records.actionId }, { reason: "Forged decline" }),
      await submit("close", { ref: records.ref }, { outcome: "Forged", assessment: "Forged" }),
      await submit("escalate", { ref: records.ref }, { reason: "Forged escalation" }),
      await submit(
        "task",
        { ref: records.ref },
        { text: "Forged", organisation: POLICE, due: "next Friday" },
      ),
      await submit("answer", { ref: records.ref }, { decision: "ACCEPTED", reason: "Forged board answer" }),
    ];
    for (const answer of answers) {
      expect(answer).not.toContain(VICTIM);
      // Refused outright, not shown back as a form to correct and resend.
      expect(answer).not.toMatch(/please fill this in/);
    }
    await unchanged(temp.store, records);
    expect(await temp.store.action.count({ where: { text: "Forged" } })).toBe(0);
    expect(await temp.store.boardAnswer.count()).toBe(0);
  });

  it("refuses typed commands for the police's problem", async () => {
    const said = [
      await say(`problem ${records.ref}`),
      await say(`close ${records.ref}`),
      await say("actions"),
    ];
    for (const answer of said) {
      expect(answer).not.toContain(VICTIM);
      expect(answer).not.toContain("Drug dealing from a garage");
    }
    expect(said[0]).toMatch(/not part of/);
    await unchanged(temp.store, records);
  });
});
