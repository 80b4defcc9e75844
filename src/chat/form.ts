// The neutral form model: what the core asks a person to fill in. Slack shows it as a modal,
// Teams as an Adaptive Card with inputs; both send back the values by field name.

export type FormId =
  | "raise"
  | "convene"
  | "task"
  | "decline"
  | "update"
  | "done"
  | "close"
  | "escalate"
  | "answer"
  | "attendance"
  | "notes"
  | "details"
  | "handover";

// Every form, so that a form id coming back from a platform (unsigned) can be checked. A Record,
// so that a new form that is not added here fails to compile.
const FORM_IDS: Record<FormId, true> = {
  raise: true,
  convene: true,
  task: true,
  decline: true,
  update: true,
  done: true,
  close: true,
  escalate: true,
  answer: true,
  attendance: true,
  notes: true,
  details: true,
  handover: true,
};

export function isFormId(id: string): id is FormId {
  return Object.hasOwn(FORM_IDS, id);
}

export interface FormOption {
  value: string;
  label: string;
}

export type FormField = {
  name: string;
  label: string;
  required: boolean;
  /** A line of help under the field. */
  hint?: string;
} & (
  | { kind: "text"; maxLength: number; placeholder?: string; initial?: string }
  | { kind: "multiline"; maxLength: number; placeholder?: string; initial?: string }
  | { kind: "choice"; options: FormOption[]; initial?: string }
  | { kind: "choices"; options: FormOption[]; initial?: string[] }
  | { kind: "toggle"; initial?: boolean }
);

export interface ChatForm {
  id: FormId;
  title: string;
  submitLabel: string;
  /** A sentence above the fields, e.g. which problem or action the form is about. */
  intro?: string;
  fields: FormField[];
  /**
   * Values the form carries unseen: what it is about (a reference, an action's id) and `formKey`,
   * made when the form is built, so submitting the same form twice creates nothing twice.
   */
  context: Record<string, string>;
}

/** What came back, by field name: text and choices as strings, several choices as a list, toggles as booleans. */
export type FormValues = Record<string, string | string[] | boolean | undefined>;
