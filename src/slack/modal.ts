// ChatForm as a Slack modal, and a submitted modal's state back as the form's values. Each field is
// an input block whose block_id is the field's name, so the core's complaint about a field is shown
// beside it (`response_action: "errors"`), and whose action_id is the kind of value it holds, so the
// state reads back without the form.
import type {
  Checkboxes,
  InputBlock,
  KnownBlock,
  ModalView,
  MultiStaticSelect,
  PlainTextInput,
  PlainTextOption,
  StaticSelect,
} from "@slack/types";
import type { ChatForm, FormField, FormOption, FormValues } from "../chat/form.js";
import type { ChatMessage } from "../chat/message.js";
import { toBlocks } from "./block-kit.js";
import { LIMITS, mrkdwn, plain, truncate } from "./text.js";

type ValueKind = "text" | "choice" | "choices" | "toggle";
export const FORM_CALLBACK_ID = "ldg_form";
const TOGGLE_ON = "on";

export function formModal(form: ChatForm, privateMetadata: string): ModalView {
  const intro: KnownBlock[] = form.intro
    ? [{ type: "section", text: { type: "mrkdwn", text: mrkdwn(form.intro) } }]
    : [];
  const fields = form.fields.map(fieldBlock).slice(0, LIMITS.viewBlocks - intro.length);
  return {
    type: "modal",
    callback_id: FORM_CALLBACK_ID,
    title: { type: "plain_text", text: plain(form.title, LIMITS.modalTitle) },
    submit: { type: "plain_text", text: plain(form.submitLabel, LIMITS.modalButton) },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: privateMetadata,
    blocks: [...intro, ...fields],
  };
}

/**
 * A message for one person only (personal details, or why something cannot be done), as a modal.
 * Slack allows 24 characters of title: one that does not fit gives way to the bot's name rather
 * than being cut mid-word (the message itself says it all).
 */
export function messageModal(title: string, message: ChatMessage): ModalView {
  return {
    type: "modal",
    title: {
      type: "plain_text",
      text: title.length <= LIMITS.modalTitle ? plain(title, LIMITS.modalTitle) : "ldg-bot",
    },
    close: { type: "plain_text", text: "Close" },
    blocks: toBlocks(message.blocks, LIMITS.viewBlocks),
  };
}

function option(choice: FormOption): PlainTextOption {
  return {
    text: { type: "plain_text", text: plain(choice.label, LIMITS.optionText) },
    value: truncate(choice.value, LIMITS.optionValue),
  };
}

function fieldBlock(field: FormField): KnownBlock {
  const label = { type: "plain_text" as const, text: plain(field.label, LIMITS.inputLabel) };
  const hint = field.hint
    ? { hint: { type: "plain_text" as const, text: plain(field.hint, LIMITS.hint) } }
    : {};
  const input = (element: InputBlock["element"], optional = !field.required): InputBlock => ({
    type: "input",
    block_id: field.name,
    label,
    optional,
    element,
    ...hint,
  });
  switch (field.kind) {
    case "text":
    case "multiline": {
      const maxLength = Math.min(field.maxLength, LIMITS.textInput);
      const element: PlainTextInput = {
        type: "plain_text_input",
        action_id: "text" satisfies ValueKind,
        multiline: field.kind === "multiline",
        max_length: maxLength,
        ...(field.initial ? { initial_value: truncate(field.initial, maxLength) } : {}),
        ...(field.placeholder
          ? { placeholder: { type: "plain_text", text: plain(field.placeholder, LIMITS.placeholder) } }
          : {}),
      };
      return input(element);
    }
    case "choice": {
      if (field.options.length === 0) return nothingToChoose(field);
      const options = field.options.slice(0, LIMITS.selectOptions).map(option);
      const initial = options.find((choice) => choice.value === field.initial);
      const element: StaticSelect = {
        type: "static_select",
        action_id: "choice" satisfies ValueKind,
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
      return input(element);
    }
    case "choices": {
      if (field.options.length === 0) return nothingToChoose(field);
      const options = field.options.slice(0, LIMITS.selectOptions).map(option);
      const initial = options.filter((choice) => field.initial?.includes(choice.value ?? ""));
      const chosen = initial.length > 0 ? { initial_options: initial } : {};
      // Checkboxes show every choice at once but Slack allows only ten; more go in a multi-select.
      const element: Checkboxes | MultiStaticSelect =
        options.length <= LIMITS.checkboxOptions
          ? { type: "checkboxes", action_id: "choices" satisfies ValueKind, options, ...chosen }
          : { type: "multi_static_select", action_id: "choices" satisfies ValueKind, options, ...chosen };
      return input(element);
    }
    case "toggle": {
      const yes: PlainTextOption = { text: { type: "plain_text", text: "Yes" }, value: TOGGLE_ON };
      const element: Checkboxes = {
        type: "checkboxes",
        action_id: "toggle" satisfies ValueKind,
        options: [yes],
        ...(field.initial ? { initial_options: [yes] } : {}),
      };
      return input(element, true);
    }
  }
}

function nothingToChoose(field: FormField): KnownBlock {
  return {
    type: "section",
    block_id: field.name,
    text: { type: "mrkdwn", text: mrkdwn(`${field.label}: there is nothing to choose from yet.`) },
  };
}

interface SubmittedValue {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
}

/** The submitted view's state as the form's values, by field name; text left empty is absent. */
export function formValues(state: Record<string, Record<string, SubmittedValue>>): FormValues {
  const values: FormValues = {};
  for (const [name, inputs] of Object.entries(state)) {
    for (const [kind, submitted] of Object.entries(inputs)) {
      if (kind === "toggle") {
        values[name] = submitted.selected_options?.some((choice) => choice.value === TOGGLE_ON) ?? false;
      } else if (kind === "choices") {
        values[name] = submitted.selected_options?.map((choice) => choice.value) ?? [];
      } else if (kind === "choice" && submitted.selected_option?.value) {
        values[name] = submitted.selected_option.value;
      } else if (kind === "text" && typeof submitted.value === "string" && submitted.value.trim() !== "") {
        values[name] = submitted.value;
      }
    }
  }
  return values;
}

const isInput = (field: FormField) =>
  (field.kind !== "choice" && field.kind !== "choices") || field.options.length > 0;

/**
 * The core's complaints as Slack's `errors`, keyed by block_id. A complaint about the form as a
 * whole goes on the first field, since Slack only shows errors beside inputs.
 */
export function fieldErrors(form: ChatForm, errors: Record<string, string>, summary: string) {
  const inputs = new Set(form.fields.filter(isInput).map((field) => field.name));
  const shown: Record<string, string> = Object.fromEntries(
    Object.entries(errors)
      .filter(([name]) => inputs.has(name))
      .map(([name, message]) => [name, truncate(message, 2000)]),
  );
  const first = form.fields.find(isInput);
  if (Object.keys(shown).length === 0 && first) shown[first.name] = truncate(summary, 2000);
  return shown;
}
