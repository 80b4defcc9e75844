// Reads what an Action.Execute sent: a button press (verb = intent, data.target), a form's
// submission (verb form.submit, the form's id and context, and the inputs' values), or leaving a
// details view. Anything else
// (an old card, a forged invoke) is refused before the core sees it.
import { z } from "zod";
import { type FormId, type FormValues, isFormId } from "../chat/form.js";
import { type Intent, isIntent } from "../chat/message.js";
import { FORM_SUBMIT_VERB } from "./form-card.js";

/** Teams' own verb: leaves a details view for the problem's shared card again. */
export const HIDE_DETAILS_VERB = "problem.hide-details";

export type CardAction =
  | { kind: "press"; intent: Intent; target: string }
  | { kind: "hide-details"; ref: string }
  | { kind: "submit"; formId: FormId; context: Record<string, string>; values: FormValues };

const press = z.object({ target: z.string().min(1).max(100) });

const submission = z.object({
  ldgFormId: z.string().refine(isFormId),
  ldgFormContext: z
    .string()
    .max(2000)
    .transform((json, ctx) => {
      try {
        return JSON.parse(json) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().max(100), z.string().max(200))),
});

// Inputs arrive as strings (a multi-select as "a,b"); the core validates each by its own rules.
const inputValue = z.union([z.string(), z.boolean(), z.array(z.string().max(2000)).max(100)]);

export function readCardAction(verb: unknown, data: unknown): CardAction | undefined {
  const fields = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  if (verb === FORM_SUBMIT_VERB) {
    const form = submission.safeParse(fields);
    if (!form.success) return undefined;
    const values: FormValues = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith("ldgForm")) continue;
      const parsed = inputValue.safeParse(value);
      if (parsed.success) values[name] = parsed.data;
    }
    return { kind: "submit", formId: form.data.ldgFormId, context: form.data.ldgFormContext, values };
  }
  const target = press.safeParse(fields);
  if (verb === HIDE_DETAILS_VERB && target.success) return { kind: "hide-details", ref: target.data.target };
  if (typeof verb !== "string" || !isIntent(verb) || !target.success) return undefined;
  return { kind: "press", intent: verb as Intent, target: target.data.target };
}
