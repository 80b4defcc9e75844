// What a modal carries unseen in its private_metadata: which form it is, the form's context (what
// it is about and its formKey), and where the card it came from is, so that a successful submit
// can replace that card.
import { z } from "zod";
import { type FormId, isFormId } from "../chat/form.js";
import { LIMITS } from "./text.js";

/**
 * Where an answer goes: a message to edit (channel and ts), a conversation to post a new card in
 * (channel alone), an ephemeral reply's response URL, or nowhere known (then by DM).
 */
export type Origin = { channel: string; ts?: string } | { responseUrl: string } | Record<string, never>;

const metadataSchema = z.object({
  form: z.string().refine(isFormId),
  context: z.record(z.string(), z.string()),
  origin: z.union([
    z.object({ channel: z.string().min(1), ts: z.string().min(1).optional() }),
    z.object({ responseUrl: z.url({ protocol: /^https?$/ }) }),
    z.object({}).strict(),
  ]),
});

export interface FormMetadata {
  form: FormId;
  context: Record<string, string>;
  origin: Origin;
}

/** Drops the origin rather than overflow Slack's limit: the answer then goes by direct message. */
export function encodeFormMetadata(metadata: FormMetadata): string {
  const full = JSON.stringify(metadata);
  return full.length <= LIMITS.privateMetadata ? full : JSON.stringify({ ...metadata, origin: {} });
}

/** Null for anything that is not metadata this app wrote. */
export function decodeFormMetadata(text: string): FormMetadata | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as FormMetadata) : null;
  } catch {
    return null;
  }
}
