// Every card the Teams adapter makes, from each template in adaptive-cards/ filled with
// representative data, checked by the Adaptive Cards renderer (in a jsdom document) as Teams' version 1.5:
// parse events, property validation and rendering, with no error and no warning allowed.
import { readdirSync } from "node:fs";
import { JSDOM } from "jsdom";

type AdaptiveCardsModule = typeof import("adaptivecards");
let AdaptiveCards: AdaptiveCardsModule;

beforeAll(async () => {
  // The renderer expects a browser. jsdom lends it the DOM's globals (document, HTMLInputElement...)
  // that Node lacks, leaving Node's own (URL, fetch) alone, before the renderer is loaded.
  const { window } = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://localhost/" });
  for (const name of Object.getOwnPropertyNames(window)) {
    if (!(name in globalThis))
      Object.assign(globalThis, { [name]: (window as unknown as Record<string, unknown>)[name] });
  }
  AdaptiveCards = await import("adaptivecards");
  // Teams renders TextBlock markdown itself; here it is shown as plain text, so that the renderer's
  // own warning about markdown is not mistaken for one about our cards.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = document.createTextNode(text).textContent;
    result.didProcess = true;
  };
});

import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatForm } from "../src/chat/form.js";
import type { ChatMessage } from "../src/chat/message.js";
import type { ActionView } from "../src/core/actions/actions.js";
import { helpMessage } from "../src/core/commands/help.js";
import { myActionsMessage, planMessage } from "../src/core/commands/workflow-messages.js";
import { actionCard, detailsMessage, problemCard } from "../src/core/interactions/cards.js";
import {
  answerForm,
  closeForm,
  conveneForm,
  declineForm,
  doneForm,
  escalateForm,
  raiseForm,
  taskForm,
  updateForm,
} from "../src/core/interactions/forms.js";
import type { Problem } from "../src/core/problems/model.js";
import { renderOutboxMessage } from "../src/outbox/render.js";
import { onTimeByAgencySpec, openProblemsTrendSpec } from "../src/reports/chart-specs.js";
import { formCard } from "../src/teams/form-card.js";
import { messageCard } from "../src/teams/render.js";
import { invokeCard } from "../src/teams/replies.js";

/** Every complaint the renderer has about a card: parse events, validation and rendering. */
function complaints(json: Record<string, unknown>): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  card.parse(json, context);
  const found: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    found.push(`parse: ${AdaptiveCards.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    found.push(`validate: ${AdaptiveCards.ValidationEvent[event.event]}: ${event.message}`);
  }
  const warn = vi.spyOn(console, "warn");
  const error = vi.spyOn(console, "error");
  try {
    if (!card.render()) found.push("render: nothing rendered");
    for (const call of [...warn.mock.calls, ...error.mock.calls]) found.push(`render: ${call.join(" ")}`);
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
  const unexpanded = JSON.stringify(json).match(/\$\{[^}]*\}/g);
  if (unexpanded) found.push(`template expressions left unfilled: ${unexpanded.join(", ")}`);
  return found;
}

const problem = {
  id: "problem-1",
  ref: "CRA-2026-0042",
  area: { id: "area-cra", code: "CRA", name: "Craven" },
  title: "Broken street lights on Mill Lane",
  category: "ASB",
  harm: 3,
  likelihood: 3,
  priority: "RED",
  status: "ACTIVE",
  saraStage: "RESPONSE",
  nextReviewOn: "2026-12-09",
  classification: "OFFICIAL_SENSITIVE",
  outcome: null,
  partners: [
    {
      organisationId: "org-fire",
      organisationName: "North Yorkshire Fire and Rescue Service",
      organisationKind: "FIRE",
      contactId: null,
      contactName: null,
      isLead: true,
      reason: "fire safety",
    },
  ],
} as unknown as Problem;

const action = {
  id: "action-1",
  problemRef: problem.ref,
  text: "Fire safety visits on Mill Lane",
  organisationName: "North Yorkshire Fire and Rescue Service",
  assigneeName: "Joanne Hirst",
  dueOn: "2026-12-04",
  status: "PROPOSED",
  rag: "AMBER",
  declineReason: null,
  outcome: null,
} as unknown as ActionView;

const headline = {
  ref: problem.ref,
  title: problem.title,
  priority: "RED",
  classification: "OFFICIAL_SENSITIVE",
};

const messages: Record<string, ChatMessage> = {
  help: helpMessage(),
  problem: problemCard(problem, [action], "Raised CRA-2026-0042. Its coordinator has been told."),
  action: actionCard(problem, action),
  "accepted action": actionCard(problem, { ...action, status: "ACCEPTED" }, "Accepted by Joanne Hirst."),
  "my actions": myActionsMessage([action, { ...action, id: "action-2", status: "ACCEPTED" }]),
  plan: planMessage({ area: problem.area, entries: [{ problem, actions: [action] }] }),
  details: detailsMessage(problem, {
    description: "Three lights out near number 12",
    locationText: "Mill Lane, Skipton",
    postcode: "BD23 1AA",
    gridReference: null,
    victimOrTarget: "older residents",
    guardian: null,
    offender: null,
    handler: null,
    placeManager: "North Yorkshire Council highways",
  }),
  "action assigned (outbox)": renderOutboxMessage("action.assigned", {
    ...headline,
    actionId: "action-1",
    organisationName: "North Yorkshire Fire and Rescue Service",
    actionText: "Fire safety visits",
    dueOn: "2026-12-04",
  }).message,
  "meeting invitation (outbox)": renderOutboxMessage("meeting.invitation", {
    ...headline,
    startsAt: "2026-12-01T10:00:00Z",
    place: "Skipton town hall",
    link: "https://meet.example/ldg",
  }).message,
  "meeting invitation with its calendar file's link (Teams)": {
    summary: "Meeting on CRA-2026-0001",
    blocks: [
      { kind: "heading", text: "Meeting on CRA-2026-0001" },
      {
        kind: "link",
        label: "Add to calendar",
        url: "https://ldg.example.org/calendar/0123456789abcdef0123456789abcdef.ics",
      },
      {
        kind: "buttons",
        buttons: [{ label: "Details", intent: "problem.details", target: "CRA-2026-0001" }],
      },
    ],
  },
  "digest with a chart picture and a chart in words": {
    summary: "Craven weekly digest",
    blocks: [
      {
        kind: "chart",
        title: "Open problems by priority, last 12 weeks",
        lines: ["RED: 1 at 22/09/2026, 3 at 08/12/2026"],
        spec: openProblemsTrendSpec([{ weekEnding: "2026-12-08", priority: "RED", open: 3 }]),
        imageUrl: "https://ldg.example.org/charts/0123456789abcdef0123456789abcdef.png",
      },
      {
        kind: "chart",
        title: "Actions done on time by agency, last 12 weeks",
        lines: ["police: 80% of 5"],
        spec: onTimeByAgencySpec([{ agency: "police", percent: 80 }]),
      },
    ],
  },
};

const forms: Record<string, ChatForm> = {
  raise: raiseForm([{ code: "CRA", name: "Craven" }], { title: "Broken street lights" }),
  convene: conveneForm(problem, [
    {
      organisationName: "North Yorkshire Police",
      reason: "SPOC for Craven; anti-social behaviour",
      contactId: "contact-1",
    } as never,
  ]),
  task: taskForm(problem),
  decline: declineForm(action),
  update: updateForm(action),
  done: doneForm(action),
  close: closeForm(problem),
  escalate: escalateForm(problem),
  answer: answerForm({ ...problem, escalationReason: "Needs the county's licensing powers" }, "ACCEPTED"),
};

describe("Adaptive Card templates", () => {
  it("has a test case for every template in adaptive-cards/", () => {
    expect(readdirSync(new URL("../adaptive-cards/", import.meta.url)).sort()).toEqual([
      "form.json",
      "message.json",
    ]);
  });

  for (const [name, message] of Object.entries(messages)) {
    it(`renders the ${name} message as a valid 1.5 card`, () => {
      const card = messageCard(message);
      expect(card.version).toBe("1.5");
      expect(complaints(card)).toEqual([]);
    });
  }

  for (const [name, form] of Object.entries(forms)) {
    it(`renders the ${name} form, fresh and with errors, as a valid 1.5 card`, () => {
      expect(complaints(formCard(form))).toEqual([]);
      const [first] = form.fields;
      const withErrors = formCard(form, {
        values: Object.fromEntries(
          form.fields.map((field) => [field.name, field.kind === "toggle" ? true : "x"]),
        ),
        errors: first ? { [first.name]: "is required" } : {},
        summary: "Please check the form.",
      });
      expect(complaints(withErrors)).toEqual([]);
    });
  }

  it("renders a user-specific details view with its refresh as a valid 1.5 card", () => {
    const card = invokeCard(
      { kind: "private", message: messages.details as ChatMessage },
      { userId: "29:someone", intent: "problem.details", target: problem.ref },
    );
    expect(card.refresh).toBeDefined();
    expect(complaints(card)).toEqual([]);
  });

  it("reports what is wrong with a card that is not valid", () => {
    const broken = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [
        { type: "Input.Text", id: "same" },
        { type: "Input.Text", id: "same" },
        { type: "TextBlock", text: "x", size: "Gigantic" },
      ],
      actions: [{ type: "Action.Execute", title: "Go", verb: "x", style: "loud" }],
    };
    const found = complaints(broken).join("\n");
    expect(found).toMatch(/Invalid value "Gigantic"/);
    expect(found).toMatch(/Invalid value "loud"/);
    expect(found).toMatch(/Duplicate Id "same"/);
  });
});
