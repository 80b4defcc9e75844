// What an officer types to raise or update a problem, validated. Only title, area, category, harm
// and likelihood are required, so a problem can be raised from the field in under a minute.
import { z } from "zod";
import { parseLocationReference } from "./location.js";

export const CATEGORY_LABELS = {
  ASB: "anti-social behaviour",
  DRUGS: "drugs",
  EXPLOITATION: "exploitation",
  FIRE_RISK: "fire risk",
  ROAD_SAFETY: "road safety",
  SAFEGUARDING: "safeguarding/vulnerability",
  ENVIRONMENTAL: "environmental",
  HATE_CRIME: "hate crime",
  OTHER: "other",
} as const;

/** How classifications are written, as the Government Security Classifications write them. */
export const CLASSIFICATION_LABELS = {
  OFFICIAL: "OFFICIAL",
  OFFICIAL_SENSITIVE: "OFFICIAL-SENSITIVE",
} as const;

export type CategoryKey = keyof typeof CATEGORY_LABELS;

export function parseCategory(word: string): CategoryKey | undefined {
  const wanted = word.trim().toLowerCase().replace(/[_-]+/g, " ");
  for (const [key, label] of Object.entries(CATEGORY_LABELS) as [CategoryKey, string][]) {
    if (
      wanted === label ||
      wanted === key.toLowerCase().replace(/_/g, " ") ||
      label.split("/").includes(wanted)
    )
      return key;
  }
  return wanted === "asb" ? "ASB" : undefined;
}

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, { message: `is longer than ${max} characters` })
      .optional(),
  );
const score = z.coerce
  .number({ message: "must be a number from 1 to 4" })
  .int({ message: "must be a whole number from 1 to 4" })
  .min(1, { message: "must be from 1 to 4" })
  .max(4, { message: "must be from 1 to 4" });

export const problemInputSchema = z.object({
  title: z
    .string({ message: "is required" })
    .trim()
    .min(3, { message: "needs at least 3 characters" })
    .max(120, { message: "is longer than 120 characters" }),
  area: z.string({ message: "is required" }).trim().min(1, { message: "is required" }),
  category: z.string({ message: "is required" }).transform((word, ctx) => {
    const category = parseCategory(word);
    if (!category) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${Object.values(CATEGORY_LABELS).join(", ")}`,
      });
      return z.NEVER;
    }
    return category;
  }),
  harm: score,
  likelihood: score,
  vulnerablePerson: z.boolean().default(false),
  description: optionalText(4000),
  locationText: optionalText(300),
  /** An optional UK postcode or OS grid reference, validated and normalised. */
  locationReference: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((text, ctx) => {
        const parsed = parseLocationReference(text);
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        return parsed;
      })
      .optional(),
  ),
  victimOrTarget: optionalText(500),
  guardian: optionalText(500),
  offender: optionalText(500),
  handler: optionalText(500),
  placeManager: optionalText(500),
  repeatLocation: z.boolean().default(false),
  repeatVictim: z.boolean().default(false),
  repeatOffender: z.boolean().default(false),
  objective: z.enum(["ELIMINATE", "REDUCE", "REDUCE_SERIOUSNESS", "HANDLE_BETTER", "HAND_OVER"]).optional(),
  objectiveDetail: optionalText(200),
  classification: z.enum(["OFFICIAL", "OFFICIAL_SENSITIVE"]).default("OFFICIAL_SENSITIVE"),
  /** A platform's retry or a double click sends the same key, and gets the same problem. */
  clientKey: optionalText(200),
});

export type ProblemInput = z.input<typeof problemInputSchema>;

/** What may be changed after the raise (area and reference stay; scores change through rescore). */
export const problemUpdateSchema = problemInputSchema
  .omit({ area: true, harm: true, likelihood: true, vulnerablePerson: true, clientKey: true })
  .partial()
  .strict();

export type ProblemUpdate = z.input<typeof problemUpdateSchema>;
