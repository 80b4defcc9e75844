// The neutral message model: what the core says, before Slack or Teams decides how it looks.

/** What pressing a button asks the core to do; `target` names the record it acts on. */
export type Intent =
  | "action.accept"
  | "action.decline"
  | "action.update"
  | "action.done"
  | "problem.details"
  | "problem.task"
  | "problem.convene"
  | "problem.escalate"
  | "problem.close"
  | "escalation.accept"
  | "escalation.more"
  | "escalation.decline";

export interface Button {
  label: string;
  intent: Intent;
  /** An action's id or a problem's reference. */
  target: string;
  style?: "primary" | "danger";
}

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "text"; text: string }
  /** Label and value pairs, e.g. an entry's organisation, areas and phone. */
  | { kind: "facts"; facts: { label: string; value: string }[] }
  | { kind: "list"; items: string[] }
  | { kind: "divider" }
  | { kind: "buttons"; buttons: Button[] };

export interface ChatMessage {
  blocks: Block[];
  /** One line that says what the message is, for notifications and screen readers. */
  summary: string;
  /** The protective marking (OFFICIAL, OFFICIAL-SENSITIVE) of a message about problems: an email's subject starts with it. */
  classification?: string;
}

export function textMessage(text: string): ChatMessage {
  return { summary: text.split("\n")[0] ?? text, blocks: [{ kind: "text", text }] };
}
