// A ChatForm as an Adaptive Card with inputs. The client checks required fields and lengths before
// it sends anything; the core checks everything again. Submitting is an Action.Execute with the verb
// `form.submit`, carrying the form's id and context beside the inputs' values.
import type { ChatForm, FormField, FormValues } from "../chat/form.js";
import { escapeMarkdown } from "./markdown.js";
import { expandCard } from "./templates.js";

export const FORM_SUBMIT_VERB = "form.submit";

/** What the person had typed, and what was wrong with it, when a form comes back to be corrected. */
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  summary: string;
}

function shownValue(value: FormValues[string] | undefined): string {
  if (Array.isArray(value)) return value.join(",");
  return value === undefined ? "" : String(value);
}

function templateField(field: FormField, state: FormState | undefined) {
  const value = state && field.name in state.values ? state.values[field.name] : field.initial;
  const typed = field.kind === "text" || field.kind === "multiline";
  return {
    kind: field.kind,
    name: field.name,
    label: field.label,
    required: field.required,
    maxLength: typed ? field.maxLength : 0,
    placeholder: typed ? (field.placeholder ?? "") : "",
    options: field.kind === "choice" || field.kind === "choices" ? field.options : [],
    value: field.kind === "toggle" ? String(value === true || value === "true") : shownValue(value),
    // Whitespace alone passes isRequired; the regex asks for something visible.
    regex: typed && field.required ? "\\S" : "",
    errorMessage: field.required ? `${field.label}: please ${typed ? "fill this in" : "choose one"}.` : "",
    hint: escapeMarkdown(field.hint ?? ""),
    error: escapeMarkdown(state?.errors[field.name] ?? ""),
  };
}

export function formCard(form: ChatForm, state?: FormState): Record<string, unknown> {
  return expandCard("form", {
    title: escapeMarkdown(form.title),
    intro: escapeMarkdown(form.intro ?? ""),
    summary: escapeMarkdown(state?.summary ?? ""),
    submitLabel: form.submitLabel,
    fields: form.fields.map((field) => templateField(field, state)),
    formId: form.id,
    contextJson: JSON.stringify(form.context),
  });
}
