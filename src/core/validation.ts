// Turns zod's issues into sentences a non-technical user can act on.
import type { z } from "zod";
import { InvalidInput } from "./errors.js";

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.filter((part) => typeof part === "string").join(" ");
    return field ? `${field}: ${issue.message}` : issue.message;
  });
}

/** Parses `value` with `schema`, or throws InvalidInput listing every problem. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInput(describeIssues(parsed.error));
  return parsed.data;
}
