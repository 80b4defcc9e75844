// How problems, actions and the plan read in chat. Only the reference, title, priority,
// classification and status are shown, never personal details (they open on demand).
import type { Block, ChatMessage } from "../../chat/message.js";
import type { ActionView } from "../actions/actions.js";
import { nextSteps } from "../interactions/next-steps.js";
import type { Problem } from "../problems/model.js";
import type { Plan } from "../problems/plan.js";
import { CATEGORY_LABELS, CLASSIFICATION_LABELS } from "../problems/problem-input.js";
import { ukDay } from "../time/due-date.js";

const RAG_MARK = { RED: "🔴", AMBER: "🟠", GREEN: "🟢" } as const;

export function problemLine(problem: Problem): string {
  return `${RAG_MARK[problem.priority]} ${problem.ref} ${problem.title} (${problem.priority}, ${CLASSIFICATION_LABELS[problem.classification]})`;
}

function actionLine(action: ActionView): string {
  const rag = action.rag ? `${RAG_MARK[action.rag]} ` : "";
  return `${rag}${action.text}: ${action.organisationName}${action.assigneeName ? ` (${action.assigneeName})` : ""}, ${action.status.toLowerCase()}, due ${ukDay(action.dueOn)}`;
}

export function problemMessage(problem: Problem, actions: ActionView[]): ChatMessage {
  const blocks: Block[] = [
    { kind: "text", text: CLASSIFICATION_LABELS[problem.classification] },
    { kind: "heading", text: `${problem.ref}: ${problem.title}` },
    {
      kind: "facts",
      facts: [
        {
          label: "Priority",
          value: `${problem.priority} (harm ${problem.harm} × likelihood ${problem.likelihood})`,
        },
        {
          label: "Status",
          value: `${problem.status.toLowerCase()}, ${problem.saraStage.toLowerCase()} stage`,
        },
        { label: "Area", value: problem.area.name },
        { label: "Category", value: CATEGORY_LABELS[problem.category] },
        { label: "Next review", value: ukDay(problem.nextReviewOn) },
        {
          label: "Partners",
          value: problem.partners.map((partner) => partner.organisationName).join(", ") || "none yet",
        },
      ],
    },
  ];
  if (actions.length > 0) blocks.push({ kind: "list", items: actions.map(actionLine) });
  if (problem.outcome) blocks.push({ kind: "text", text: `Outcome: ${problem.outcome}` });
  return { summary: problemLine(problem), blocks };
}

/** Most actions one message lists with buttons; Slack allows 50 blocks a message, two per action here. */
const MAX_LISTED_ACTIONS = 20;

export function myActionsMessage(actions: ActionView[]): ChatMessage {
  if (actions.length === 0) {
    return {
      summary: "You have no open actions.",
      blocks: [{ kind: "text", text: "You have no open actions." }],
    };
  }
  const blocks: Block[] = [{ kind: "heading", text: "Your open actions" }];
  for (const action of actions.slice(0, MAX_LISTED_ACTIONS)) {
    blocks.push({ kind: "text", text: `${action.problemRef}: ${actionLine(action)}` });
    const buttons = nextSteps(action);
    if (buttons.length > 0) blocks.push({ kind: "buttons", buttons });
  }
  if (actions.length > MAX_LISTED_ACTIONS) {
    blocks.push({ kind: "text", text: `…and ${actions.length - MAX_LISTED_ACTIONS} more, due later.` });
  }
  return {
    summary: `You have ${actions.length} open action${actions.length === 1 ? "" : "s"}`,
    blocks,
  };
}

export function planMessage(plan: Plan): ChatMessage {
  const summary = `Operational plan for ${plan.area.name}: ${plan.entries.length} open problem${plan.entries.length === 1 ? "" : "s"}`;
  if (plan.entries.length === 0) return { summary, blocks: [{ kind: "text", text: `${summary}.` }] };
  const blocks: Block[] = [{ kind: "heading", text: `Operational plan: ${plan.area.name}` }];
  for (const { problem, actions } of plan.entries) {
    blocks.push({ kind: "divider" }, { kind: "text", text: problemLine(problem) });
    if (actions.length > 0) blocks.push({ kind: "list", items: actions.map(actionLine) });
  }
  return { summary, blocks };
}
