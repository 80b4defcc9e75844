// The neutral message model: what the core says, before Slack or Teams decides how it looks.
import type { TopLevelSpec } from "vega-lite";

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
  | "escalation.decline"
  /** An invitee can (or cannot) make a meeting's candidate time; the target is the time's id. */
  | "meeting.can"
  | "meeting.cannot"
  /** The coordinator sets the meeting's time to this candidate. */
  | "meeting.pick"
  | "register.confirm"
  | "register.update"
  | "register.handover"
  | "register.accept"
  | "register.refuse";

// Every intent, so that a button coming back from a platform can be checked. A Record, so that a
// new intent that is not added here fails to compile.
const INTENTS: Record<Intent, true> = {
  "action.accept": true,
  "action.decline": true,
  "action.update": true,
  "action.done": true,
  "problem.details": true,
  "problem.task": true,
  "problem.convene": true,
  "problem.escalate": true,
  "problem.close": true,
  "escalation.accept": true,
  "escalation.more": true,
  "escalation.decline": true,
  "meeting.can": true,
  "meeting.cannot": true,
  "meeting.pick": true,
  "register.confirm": true,
  "register.update": true,
  "register.handover": true,
  "register.accept": true,
  "register.refuse": true,
};

export function isIntent(text: string): text is Intent {
  return Object.hasOwn(INTENTS, text);
}

export interface Button {
  label: string;
  intent: Intent;
  /** An action's id, a problem's reference, or a register check's id. */
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
  | { kind: "buttons"; buttons: Button[] }
  /**
   * A web address to open, e.g. a file to download. Teams adds one for a calendar file it cannot
   * attach (teams/calendar-links.ts); Slack and email deliver the file itself.
   */
  | { kind: "link"; label: string; url: string }
  /**
   * A chart, as a Vega-Lite spec with its counts inline: drawn as a picture where the platform
   * shows one. `lines` say the same in words, for screen readers and where no picture can be shown.
   * `imageUrl` is filled in by a platform that shows pictures by address (Teams), just before it sends.
   */
  | { kind: "chart"; title: string; lines: string[]; spec: ChartSpec; imageUrl?: string };

/** A Vega-Lite spec (src/reports/chart-specs.ts builds them). */
export type ChartSpec = TopLevelSpec;

export interface ChatMessage {
  blocks: Block[];
  /** One line that says what the message is, for notifications and screen readers. */
  summary: string;
  /** The protective marking (OFFICIAL, OFFICIAL-SENSITIVE) of a message about problems: an email's subject starts with it. */
  classification?: string;
}

/** A chart's words as one line, for a picture's alternative text. */
export function chartAltText(chart: Extract<Block, { kind: "chart" }>): string {
  return chart.lines.join("; ");
}

export function textMessage(text: string): ChatMessage {
  return { summary: text.split("\n")[0] ?? text, blocks: [{ kind: "text", text }] };
}
