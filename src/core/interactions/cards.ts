// Cards with buttons: an action as its owner sees it, a problem as its partners see it, and a
// problem's personal details for the one person who asked. The first two go into shared
// conversations, so they carry the reference, title, priority and classification only.
import type { Block, Button, ChatMessage } from "../../chat/message.js";
import type { ActionView } from "../actions/actions.js";
import { problemMessage } from "../commands/workflow-messages.js";
import type { Problem, ProblemDetails } from "../problems/model.js";
import { CLASSIFICATION_LABELS } from "../problems/problem-input.js";
import { canMoveProblem } from "../problems/status.js";
import { ukDay } from "../time/due-date.js";
import { nextSteps } from "./next-steps.js";

const RAG_WORDS = { RED: "overdue", AMBER: "due soon", GREEN: "on track" } as const;

type Headline = Pick<Problem, "ref" | "title" | "priority" | "classification">;

export function actionCard(problem: Headline, action: ActionView, notice?: string): ChatMessage {
  const classification = CLASSIFICATION_LABELS[problem.classification];
  const due = `${ukDay(action.dueOn)}${action.rag ? ` (${RAG_WORDS[action.rag]})` : ""}`;
  const blocks: Block[] = [
    { kind: "heading", text: `Action for ${action.organisationName} on ${problem.ref}` },
    {
      kind: "facts",
      facts: [
        { label: "Problem", value: `${problem.ref}: ${problem.title}` },
        { label: "Priority", value: problem.priority },
        { label: "Classification", value: classification },
        { label: "Action", value: action.text },
        { label: "Due", value: due },
        { label: "Status", value: action.status.toLowerCase() },
        ...(action.assigneeName ? [{ label: "Assigned to", value: action.assigneeName }] : []),
        ...(action.declineReason ? [{ label: "Declined because", value: action.declineReason }] : []),
        ...(action.outcome ? [{ label: "Outcome", value: action.outcome }] : []),
      ],
    },
  ];
  if (notice) blocks.push({ kind: "text", text: notice });
  const buttons = nextSteps(action);
  if (buttons.length > 0) blocks.push({ kind: "buttons", buttons });
  return {
    summary: `Action on ${problem.ref} (${problem.priority}, ${classification}): ${action.text}, ${action.status.toLowerCase()}`,
    blocks,
  };
}

/** The problem card with what can be done from it; each button is access-checked when pressed. */
export function problemCard(
  problem: Problem,
  actions: ActionView[],
  notice?: string,
  boardExchange: string[] = [],
): ChatMessage {
  const card = problemMessage(problem, actions);
  const exchange: Block[] =
    boardExchange.length > 0
      ? [
          { kind: "heading", text: "Strategic Board" },
          { kind: "list", items: boardExchange },
        ]
      : [];
  const target = problem.ref;
  const buttons: Button[] =
    problem.status === "CLOSED"
      ? [{ label: "Details", intent: "problem.details", target }]
      : [
          { label: "Details", intent: "problem.details", target },
          { label: "Add action", intent: "problem.task", target },
          { label: "Convene", intent: "problem.convene", target },
          ...(canMoveProblem(problem.status, "ESCALATED")
            ? [{ label: "Escalate", intent: "problem.escalate" as const, target }]
            : []),
          { label: "Close", intent: "problem.close", target, style: "danger" },
        ];
  return {
    summary: card.summary,
    blocks: [
      ...card.blocks,
      ...exchange,
      ...(notice ? [{ kind: "text" as const, text: notice }] : []),
      { kind: "buttons", buttons },
    ],
  };
}

const DETAIL_LABELS: Record<keyof ProblemDetails, string> = {
  description: "What is happening",
  locationText: "Where",
  postcode: "Postcode",
  gridReference: "Grid reference",
  victimOrTarget: "Victim or target",
  guardian: "Guardian",
  offender: "Offender",
  handler: "Handler",
  placeManager: "Place manager",
};

/** Personal details: only ever sent to the one person who asked, after the access check. */
export function detailsMessage(problem: Headline, details: ProblemDetails): ChatMessage {
  const classification = CLASSIFICATION_LABELS[problem.classification];
  const facts = (Object.keys(DETAIL_LABELS) as (keyof ProblemDetails)[])
    .filter((key) => details[key])
    .map((key) => ({ label: DETAIL_LABELS[key], value: details[key] as string }));
  return {
    summary: `Details of ${problem.ref} (${classification})`,
    blocks: [
      { kind: "text", text: `${classification}: for you only. Do not forward.` },
      { kind: "heading", text: `${problem.ref}: ${problem.title}` },
      facts.length > 0
        ? { kind: "facts", facts }
        : { kind: "text", text: "No personal details were recorded for this problem." },
    ],
  };
}
