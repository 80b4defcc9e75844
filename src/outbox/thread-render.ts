// A post for a problem's thread in its LDG channel, in the neutral message model: the headline card
// that starts the thread, or one line of news under it. The payload is validated as the outbox's
// is, and nothing but the headline (reference, title, priority, classification) and the news shows.
import type { ChatMessage } from "../chat/message.js";
import { CLASSIFICATION_LABELS } from "../core/problems/problem-input.js";
import { compose, InvalidOutboxPayload, line, problemHeadline } from "./render.js";

const threadPayload = problemHeadline.extend({ areaName: line(100), news: line(300).optional() });

export function renderThreadPost(startsThread: boolean, payload: unknown): ChatMessage {
  const parsed = threadPayload.safeParse(payload);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "payload"))];
    throw new InvalidOutboxPayload(`thread post payload is invalid at ${fields.join(", ")}`);
  }
  const problem = parsed.data;
  if (startsThread) {
    return compose(
      problem,
      `New problem ${problem.ref} in ${problem.areaName}`,
      problem.title,
      [],
      [{ label: "Details", intent: "problem.details", target: problem.ref }],
    );
  }
  const classification = CLASSIFICATION_LABELS[problem.classification];
  const news = problem.news ?? "Updated";
  return {
    summary: `${problem.ref} (${classification}): ${news}`,
    blocks: [{ kind: "text", text: `${problem.ref} (${problem.priority}, ${classification}): ${news}` }],
    classification,
  };
}
