// What every Slack handler does around its own work: find the person in the register (or explain
// how to be added), and turn an unexpected failure into a calm message instead of silence.
import type { Logger } from "pino";
import { textMessage } from "../chat/message.js";
import { type Actor, actorFromContact } from "../core/actor.js";
import type { AppServices } from "../services.js";
import { NOT_IN_REGISTER, type SlackIdentity } from "./identity.js";
import type { SlackProblemChannels } from "./problem-channels.js";
import { type ReplyPlace, showReply } from "./replies.js";
import type { WorkSlots } from "./work-slots.js";

export interface SlackDeps {
  services: AppServices;
  identity: SlackIdentity;
  logger: Logger;
  /** Present in the running app: convened problems' private channels and their pinned cards. */
  problemChannels?: SlackProblemChannels;
  /** Where work after the ack waits its turn, so that a burst of requests is still acknowledged in time. */
  workSlots?: WorkSlots;
}

export const SOMETHING_WENT_WRONG = textMessage(
  "Sorry, something went wrong on my side and nothing was changed. Please try again in a minute; " +
    "if it keeps happening, tell your LDG coordinator.",
);

/** Runs `work` as the person behind `place.userId`; they only ever see a friendly message. */
export async function asRegisteredPerson(
  deps: SlackDeps,
  place: ReplyPlace,
  what: string,
  work: (actor: Actor) => Promise<void>,
): Promise<void> {
  const turn = deps.workSlots ?? UNLIMITED;
  await turn.run(() => asRegisteredPersonNow(deps, place, what, work));
}

const UNLIMITED = { run: <T>(work: () => Promise<T>) => work() };

async function asRegisteredPersonNow(
  deps: SlackDeps,
  place: ReplyPlace,
  what: string,
  work: (actor: Actor) => Promise<void>,
): Promise<void> {
  try {
    const contact = await deps.identity.contactFor(place.client, place.userId);
    if (!contact) {
      await showReply(place, { kind: "private", message: NOT_IN_REGISTER });
      return;
    }
    await work(actorFromContact(contact));
  } catch (error) {
    deps.logger.error({ err: error, slackUser: place.userId, what }, "Slack request failed");
    await showReply(place, { kind: "private", message: SOMETHING_WENT_WRONG }).catch((failure: unknown) =>
      deps.logger.error({ err: failure }, "could not tell the Slack user about the failure"),
    );
  }
}
