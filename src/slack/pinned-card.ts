// Keeps a problem's pinned card in its private channel true to the problem: after a problem-level
// form (convene, add an action, escalate, close) submitted from anywhere, the card is rebuilt and
// replaced. The card carries headlines only, never personal details.
import type { Logger } from "pino";
import type { FormId } from "../chat/form.js";
import type { Actor } from "../core/actor.js";
import { problemCard } from "../core/interactions/cards.js";
import type { AppServices } from "../services.js";
import type { SlackProblemChannels } from "./problem-channels.js";

const CHANGES_THE_PROBLEM: readonly FormId[] = ["convene", "task", "escalate", "close", "notes"];

export interface PinnedCards {
  services: AppServices;
  channels: SlackProblemChannels;
  logger: Logger;
}

/** Never fails the request it follows: a stale card is logged, and refreshed by the next change. */
export async function refreshPinnedCard(
  pinned: PinnedCards,
  actor: Actor,
  form: FormId,
  ref: string | undefined,
) {
  if (!ref || !CHANGES_THE_PROBLEM.includes(form)) return;
  try {
    const problem = await pinned.services.problems.show(actor, ref);
    const actions = (await pinned.services.actions.forProblem(actor, ref)).filter(
      (action) => action.status !== "CANCELLED",
    );
    await pinned.channels.refreshCard(problem.ref, problemCard(problem, actions));
  } catch (error) {
    pinned.logger.warn({ err: error, ref }, "could not refresh the problem's pinned Slack card");
  }
}
