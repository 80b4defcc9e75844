// What the core answers a command, a button or a form with; each chat adapter shows it its own way.
import type { ChatForm, FormValues } from "./form.js";
import type { ChatMessage } from "./message.js";

export type Reply =
  /** An answer in the conversation where the person asked. */
  | { kind: "message"; message: ChatMessage }
  /** Open this form for the person (a Slack modal, a Teams card with inputs). */
  | { kind: "form"; form: ChatForm }
  /** Replace the card the button was pressed on: it shows the record as it is now. */
  | { kind: "update"; message: ChatMessage }
  /** Only for the person who asked, never in a shared conversation: personal details. */
  | { kind: "private"; message: ChatMessage }
  /** The form's values were wrong: a message for each field by name, and one for the form as a whole. */
  | { kind: "invalid"; form: ChatForm; values: FormValues; errors: Record<string, string>; summary: string };
