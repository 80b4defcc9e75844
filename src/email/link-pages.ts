// The small pages an email link opens: a confirmation, a form (decline with a reason, done with an
// outcome...), the result, and the page for a link that cannot be used. Each is one escaped,
// self-contained document showing what the chat card shows, never personal details.
import type { ChatForm, FormField, FormValues } from "../chat/form.js";
import type { Button, ChatMessage } from "../chat/message.js";
import { escapeHtml, htmlDocument } from "./html.js";
import { blocksHtml } from "./render-email.js";

export interface Page {
  status: number;
  html: string;
}

/** The marking a card shows as its Classification fact, for the top and bottom of its page. */
function markingOf(message: ChatMessage): string | undefined {
  if (message.classification) return message.classification;
  for (const block of message.blocks) {
    if (block.kind !== "facts") continue;
    const fact = block.facts.find((candidate) => candidate.label === "Classification");
    if (fact) return fact.value;
  }
  return undefined;
}

/** A card without its buttons: on a web page, what comes next is the page's own form. */
function cardHtml(message: ChatMessage): string {
  return blocksHtml(message.blocks, () => undefined);
}

export function notice(status: number, title: string, text: string): Page {
  return { status, html: htmlDocument(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`) };
}

export const LINK_NOT_VALID = notice(
  400,
  "This link is not valid",
  "It may have been copied incompletely or changed. Nothing has been done. Use the link in the email as it came, " +
    "or act on the message in ldg-bot in Slack or Microsoft Teams.",
);

export const LINK_USED = notice(
  410,
  "This link has already been used",
  "Each link in an ldg-bot email works once, and this one has been used, so nothing more has been done. " +
    "The latest state is in your next email from ldg-bot, or in Slack or Microsoft Teams.",
);

export const LINK_EXPIRED = notice(
  410,
  "This link has expired",
  "Links in ldg-bot emails work for a limited time, so nothing has been done. Ask your LDG coordinator to " +
    "send the action again, or act on it in ldg-bot in Slack or Microsoft Teams.",
);

export function confirmPage(card: ChatMessage, question: string, submitLabel: string, postTo: string): Page {
  const body =
    `<h1>${escapeHtml(question)}</h1>${cardHtml(card)}` +
    `<form method="post" action="${escapeHtml(postTo)}"><button type="submit">${escapeHtml(submitLabel)}</button></form>`;
  return { status: 200, html: htmlDocument(question, body, markingOf(card)) };
}

/** The record as it is now, with its next steps as links where `links` has them. */
export function resultPage(card: ChatMessage, links: Map<Button, string>): Page {
  const title = card.blocks.find((block) => block.kind === "heading");
  const body = blocksHtml(card.blocks, (button) => {
    const url = links.get(button);
    return url ? `<a class="button" href="${escapeHtml(url)}">${escapeHtml(button.label)}</a>` : undefined;
  });
  return {
    status: 200,
    html: htmlDocument(title?.kind === "heading" ? title.text : card.summary, body, markingOf(card)),
  };
}

export function messagePage(status: number, message: ChatMessage): Page {
  return { status, html: htmlDocument(message.summary, cardHtml(message), markingOf(message)) };
}

function shownValue(values: FormValues, field: FormField): FormValues[string] {
  return values[field.name] ?? ("initial" in field ? field.initial : undefined);
}

function fieldHtml(field: FormField, values: FormValues, error: string | undefined): string {
  const id = `field-${field.name}`;
  const name = escapeHtml(field.name);
  const value = shownValue(values, field);
  const required = field.required ? " required" : "";
  const label = `<label for="${id}">${escapeHtml(field.label)}${field.required ? "" : " (optional)"}</label>`;
  const hint = field.hint ? `<div class="hint">${escapeHtml(field.hint)}</div>` : "";
  const problem = error ? `<div class="error">${escapeHtml(error)}</div>` : "";
  let input: string;
  switch (field.kind) {
    case "text":
      input = `<input type="text" id="${id}" name="${name}" maxlength="${field.maxLength}" value="${escapeHtml(typeof value === "string" ? value : "")}"${required}>`;
      break;
    case "multiline":
      input = `<textarea id="${id}" name="${name}" rows="5" maxlength="${field.maxLength}"${required}>${escapeHtml(typeof value === "string" ? value : "")}</textarea>`;
      break;
    case "choice":
      input = `<select id="${id}" name="${name}"${required}>${field.options
        .map(
          (option) =>
            `<option value="${escapeHtml(option.value)}"${option.value === value ? " selected" : ""}>${escapeHtml(option.label)}</option>`,
        )
        .join("")}</select>`;
      break;
    case "choices": {
      const chosen = Array.isArray(value) ? value : [];
      input = field.options
        .map(
          (option, index) =>
            `<div><input type="checkbox" id="${id}-${index}" name="${name}" value="${escapeHtml(option.value)}"${chosen.includes(option.value) ? " checked" : ""}> <label style="display:inline;font-weight:normal" for="${id}-${index}">${escapeHtml(option.label)}</label></div>`,
        )
        .join("");
      break;
    }
    case "toggle":
      input = `<input type="checkbox" id="${id}" name="${name}" value="true"${value === true || value === "true" ? " checked" : ""}>`;
      break;
  }
  return `${label}${hint}${problem}${input}`;
}

export function formPage(
  form: ChatForm,
  postTo: string,
  filled: { values: FormValues; errors: Record<string, string>; summary: string } | undefined,
): Page {
  const values = filled?.values ?? {};
  const summary = filled ? `<p class="error">${escapeHtml(filled.summary)}</p>` : "";
  const body =
    `<h1>${escapeHtml(form.title)}</h1>` +
    (form.intro ? `<p>${escapeHtml(form.intro)}</p>` : "") +
    summary +
    `<form method="post" action="${escapeHtml(postTo)}">` +
    form.fields.map((field) => fieldHtml(field, values, filled?.errors[field.name])).join("") +
    `<div><button type="submit">${escapeHtml(form.submitLabel)}</button></div></form>`;
  return { status: filled ? 422 : 200, html: htmlDocument(form.title, body) };
}

/** A posted form's values by the form's own field names: several choices as a list, toggles as booleans. */
export function postedValues(form: ChatForm, posted: URLSearchParams): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) {
    if (field.kind === "choices") values[field.name] = posted.getAll(field.name);
    else if (field.kind === "toggle") values[field.name] = posted.get(field.name) === "true";
    else {
      const value = posted.get(field.name);
      if (value !== null) values[field.name] = value;
    }
  }
  return values;
}
