// Every message the bot sends from its outboxes carries the outbox row's id as Slack message
// metadata. A send cut off by a crash (posted, but never recorded) is then found again in the
// conversation's history before anything is posted a second time.
import type { MessageMetadata } from "@slack/types";
import type { WebClient } from "@slack/web-api";

const DELIVERY_EVENT = "ldg_delivery";
/** A cut-off send is looked for from a little before it began, in case clocks differ. */
const CLOCK_DIFFERENCE_MS = 5 * 60_000;
const MAX_PAGES = 5;

export function deliveryMetadata(deliveryId: string): { metadata: MessageMetadata } {
  return { metadata: { event_type: DELIVERY_EVENT, event_payload: { delivery_id: deliveryId } } };
}

export interface DeliveryLookup {
  channel: string;
  /** Look among this thread's replies rather than the channel's own messages. */
  threadTs?: string;
  deliveryId: string;
  /** When the cut-off send began. */
  since: Date;
}

/**
 * The ts of the message carrying `deliveryId`, posted since the send began, or null. Only the
 * bot's recent messages are looked through: a few pages at most.
 */
export async function findDelivered(client: WebClient, lookup: DeliveryLookup): Promise<string | null> {
  const oldest = ((lookup.since.getTime() - CLOCK_DIFFERENCE_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const common = {
      channel: lookup.channel,
      oldest,
      limit: 200,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    };
    const answer = lookup.threadTs
      ? await client.conversations.replies({ ...common, ts: lookup.threadTs })
      : await client.conversations.history(common);
    // The client types the payload as an empty object: it is what the bot put there.
    const found = answer.messages?.find(
      (message) =>
        message.metadata?.event_type === DELIVERY_EVENT &&
        (message.metadata.event_payload as { delivery_id?: unknown } | undefined)?.delivery_id ===
          lookup.deliveryId,
    );
    if (found?.ts) return found.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
