// What a person types for a register entry (in a form, a command or a CSV row), validated.
import { z } from "zod";
import { AREA_ROLES, parseAreaRole, parseTheme, THEMES } from "./vocabulary.js";

const MAX_TEXT = 200;

/** An optional field: blank means "not given". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );
}

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "is too long for an email address" })
  .pipe(z.email({ message: "is not a valid email address" }));

/** A list typed as words separated by semicolons (or commas), e.g. `CRA; HAR`. */
const wordList = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(/[;,]/)
          .map((word) => word.trim())
          .filter(Boolean)
      : value,
  z.array(z.string().max(MAX_TEXT, { message: "has an entry that is too long" })),
);

export const contactInputSchema = z.object({
  name: z
    .string({ message: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(120, { message: "is longer than 120 characters" }),
  email: z.string({ message: "is required" }).pipe(email),
  phone: optional(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{5,22}$/, { message: "is not a phone number (digits, spaces, +, brackets)" }),
  ),
  organisation: z
    .string({ message: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(MAX_TEXT, { message: "is too long" }),
  areas: wordList.pipe(z.array(z.string().toUpperCase()).min(1, { message: "needs at least one area code" })),
  roles: wordList.pipe(
    z
      .array(
        z.string().transform((word, ctx) => {
          const role = parseAreaRole(word);
          if (!role) {
            ctx.addIssue({
              code: "custom",
              message: `"${word}" is not a role; use ${Object.values(AREA_ROLES).join(", ")}`,
            });
            return z.NEVER;
          }
          return role;
        }),
      )
      .min(1, { message: "needs at least one role (SPOC, deputy, officer, coordinator, board member)" }),
  ),
  themes: optional(
    wordList.pipe(
      z.array(
        z.string().transform((word, ctx) => {
          const theme = parseTheme(word);
          if (!theme) {
            ctx.addIssue({
              code: "custom",
              message: `"${word}" is not a theme; use ${Object.values(THEMES)
                .map((known) => known.label)
                .join(", ")}`,
            });
            return z.NEVER;
          }
          return theme;
        }),
      ),
    ),
  ),
  deputyEmail: optional(email),
  slackUserId: optional(
    z
      .string()
      .trim()
      .regex(/^[UW][A-Z0-9]{6,20}$/, { message: "is not a Slack user id (like U0123ABCD)" }),
  ),
  teamsUserId: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:_.-]{8,200}$/, { message: "is not a Teams user id (the Entra object id)" }),
  ),
  preferredPlatform: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.enum(["SLACK", "TEAMS", "EMAIL"], { message: "must be slack, teams or email" })),
  ),
  verifiedOn: optional(
    z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
      const date = value instanceof Date ? value : parseDay(value);
      if (!date) {
        ctx.addIssue({
          code: "custom",
          message: `"${String(value)}" is not a date (use 2026-03-31 or 31/03/2026)`,
        });
        return z.NEVER;
      }
      return date;
    }),
  ),
});

export type ContactInput = z.input<typeof contactInputSchema>;
export type ValidContactInput = z.output<typeof contactInputSchema>;

/** A calendar day as an ISO date (2026-03-31) or in UK order (31/03/2026); noon UTC, clear of any zone shift. */
function parseDay(text: string): Date | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : uk
      ? [Number(uk[3]), Number(uk[2]), Number(uk[1])]
      : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}
