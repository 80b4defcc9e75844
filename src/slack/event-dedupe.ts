// Slack redelivers an Events API event it believes went unanswered (with X-Slack-Retry-Num). Each
// event_id is claimed in the store before it is handled, so a redelivery, even to another replica,
// is skipped; a claim whose handling failed is given back for the retry to try again.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "pino";
import type { PrismaSlackEvents } from "../store/slack-event-repository.js";

/** Slack gives up retrying within about an hour; ids are kept a day. */
const KEEP_EVENT_IDS_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export function dedupeEvents(
  events: PrismaSlackEvents,
  logger: Logger,
  now: () => Date,
): Middleware<AnyMiddlewareArgs> {
  let lastPruned = 0;
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") {
      await next();
      return;
    }
    if (!(await events.claim(eventId))) {
      logger.info({ eventId, retryNum: context.retryNum }, "Slack event already handled; redelivery skipped");
      return;
    }
    try {
      await next();
    } catch (error) {
      await events.release(eventId);
      throw error;
    }
    if (now().getTime() - lastPruned > PRUNE_EVERY_MS) {
      lastPruned = now().getTime();
      await events.forgetBefore(new Date(lastPruned - KEEP_EVENT_IDS_MS));
    }
  };
}
