// Delivers the outbox: claims the messages that are due, renders each for its recipient, sends it
// on the best channel that reaches them, and records the outcome. A failure that may pass is retried
// with backoff; one that never will (nobody to send to, an invalid payload) fails the message at once.
//
// Logs carry message ids, kinds, attempts and channels only: never payloads, names or addresses,
// and never a platform's error text, which can quote an address (it is kept in the outbox instead).
import type { Logger } from "pino";
import {
  type ChatPlatform,
  type OutboundMessage,
  RecipientUnreachable,
  RetryLater,
} from "../chat/platform.js";
import type { ClaimedOutboxMessage, PrismaOutboxStore } from "../store/outbox-repository.js";
import { channelsInOrder } from "./channel-choice.js";
import { InvalidOutboxPayload, renderOutboxMessage } from "./render.js";

const BATCH_SIZE = 50;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
// A message is only sent while its claim (two minutes) has at least this long to run, so that a
// slow batch never sends one that another sender may be about to claim again.
export const SEND_TIME_BUDGET_MS = 30_000;

/** 2^attempt x 30 s, at most an hour, less up to half of it at random so that retries spread out. */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const delay = Math.min(2 ** attempt * BASE_DELAY_MS, MAX_DELAY_MS);
  return delay / 2 + (random() * delay) / 2;
}

export interface OutboxSenderOptions {
  store: PrismaOutboxStore;
  /** In the order to try when the recipient has no preference among them. */
  platforms: ChatPlatform[];
  logger: Logger;
  now?: () => Date;
  /** Attempts in all, the first included, before a message that keeps failing is given up. */
  maxAttempts?: number;
  /** Milliseconds to wait after failed attempt number `attempt` (1 for the first). */
  backoff?: (attempt: number) => number;
  batchSize?: number;
  /** Told each message's outcome (the metrics). */
  observer?: DeliveryObserver;
  /** Delivered on the same passes: posts addressed to a conversation rather than a person. */
  alsoDeliver?: { deliverDue(): Promise<DeliveryCounts> }[];
}

/** Hears each attempt's outcome, by message kind and channel (never by person). */
export interface DeliveryObserver {
  sent(kind: string, channel: string): void;
  /** `channel` is undefined when no channel could be tried. */
  failed(kind: string, channel: string | undefined): void;
  retried(kind: string, channel: string): void;
}

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
}

type TimerLoop = { stopped: boolean; timer?: NodeJS.Timeout; inFlight?: Promise<void> };

/**
 * `unreachableOn`: the platforms that said the person is not there, whether or not another worked;
 * "ANY" when no platform has an address for them at all.
 */
type Outcome =
  | { result: "sent"; channel: string; unreachableOn?: string[] }
  | { result: "retry"; channel: string; error: string; errorKind: ErrorKind; notBeforeMs?: number }
  | { result: "failed"; error: string; unreachableOn?: string[] };

export class OutboxSender {
  private readonly store: PrismaOutboxStore;
  private readonly platforms: ChatPlatform[];
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => number;
  private readonly batchSize: number;
  private readonly observer: DeliveryObserver | undefined;
  private readonly alsoDeliver: { deliverDue(): Promise<DeliveryCounts> }[];
  private loop: TimerLoop | undefined;

  constructor(options: OutboxSenderOptions) {
    this.store = options.store;
    this.platforms = options.platforms;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = options.backoff ?? ((attempt) => defaultBackoff(attempt));
    this.batchSize = options.batchSize ?? BATCH_SIZE;
    this.observer = options.observer;
    this.alsoDeliver = options.alsoDeliver ?? [];
  }

  /** One pass: claims a batch of due messages and tries each once. A store error ends the pass. */
  async deliverDue(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
    for (const message of await this.store.claimDue(this.now(), this.batchSize)) {
      if (message.claimedUntil.getTime() - this.now().getTime() < SEND_TIME_BUDGET_MS) {
        this.logger.info({ outboxId: message.id }, "outbox claim running out; left for the next pass");
        continue;
      }
      counts[await this.deliver(message)]++;
    }
    for (const other of this.alsoDeliver) {
      const theirs = await other.deliverDue();
      counts.sent += theirs.sent;
      counts.retried += theirs.retried;
      counts.failed += theirs.failed;
    }
    return counts;
  }

  private async deliver(message: ClaimedOutboxMessage): Promise<keyof DeliveryCounts> {
    const attempts = message.attempts + 1;
    const outcome = await this.attempt(message);
    const log = { outboxId: message.id, kind: message.kind, attempts };
    if (outcome.result !== "retry" && outcome.unreachableOn) {
      await this.reportUnreachable(message, outcome.unreachableOn);
    }
    if (outcome.result === "sent") {
      await this.store.markSent(message.id, attempts, this.now());
      this.logger.info({ ...log, channel: outcome.channel }, "outbox message sent");
      this.observer?.sent(message.kind, outcome.channel);
      return "sent";
    }
    if (outcome.result === "failed") {
      await this.store.markFailed(message.id, attempts, outcome.error);
      this.logger.error(log, "outbox message cannot be delivered");
      this.observer?.failed(message.kind, undefined);
      return "failed";
    }
    const why = { ...log, channel: outcome.channel, ...outcome.errorKind };
    if (attempts >= this.maxAttempts) {
      await this.store.markFailed(
        message.id,
        attempts,
        `gave up after ${attempts} attempts: ${outcome.error}`,
      );
      this.logger.error(why, "outbox message given up");
      this.observer?.failed(message.kind, outcome.channel);
      return "failed";
    }
    // A platform's own "retry after" (a rate limit) is a floor under the backoff, never shortened.
    const delay = Math.max(this.backoff(attempts), outcome.notBeforeMs ?? 0);
    const nextAttemptAt = new Date(this.now().getTime() + delay);
    await this.store.markRetry(message.id, attempts, nextAttemptAt, outcome.error);
    this.logger.warn({ ...why, nextAttemptAt }, "outbox message not sent; will retry");
    this.observer?.retried(message.kind, outcome.channel);
    return "retried";
  }

  /** The recipient's coordinators are told (once per platform) so they can sort it out with them. */
  private async reportUnreachable(message: ClaimedOutboxMessage, platforms: string[]): Promise<void> {
    const contactId = message.recipient.contactId;
    this.logger.warn({ outboxId: message.id, contactId, platforms }, "recipient unreachable on a platform");
    // A coordinator who cannot be reached is not reported on in turn.
    if (message.kind === "contact.unreachable") return;
    await this.store.tellCoordinatorsUnreachable(contactId, platforms);
  }

  private async attempt(message: ClaimedOutboxMessage): Promise<Outcome> {
    const { recipient } = message;
    if (message.recipientRetired) {
      return { result: "failed", error: `${recipient.name} has retired from the register` };
    }
    let outbound: OutboundMessage;
    try {
      outbound = { ...renderOutboxMessage(message.kind, message.payload), deliveryId: message.id };
    } catch (error) {
      if (error instanceof InvalidOutboxPayload) return { result: "failed", error: error.message };
      throw error;
    }
    const channels = channelsInOrder(recipient, this.platforms, message.kind);
    if (channels.length === 0) {
      return {
        result: "failed",
        error: `no way to reach ${recipient.name}: no Slack, Teams or email`,
        unreachableOn: ["ANY"],
      };
    }
    if (message.unconfirmedSendSince) {
      const deliveredOn = await this.findUnconfirmedDelivery(message, message.unconfirmedSendSince, channels);
      if (deliveredOn) return { result: "sent", channel: deliveredOn };
    } else {
      await this.store.markSending(message.id, this.now());
    }
    const unreachable: string[] = [];
    const refusedBy: string[] = [];
    // A channel that says the person is not there is passed over for the next, each tried once.
    for (const channel of channels) {
      try {
        await channel.send(recipient, outbound);
        const unreachableOn = unreachable.length > 0 ? { unreachableOn: refusedBy } : {};
        return { result: "sent", channel: channel.name, ...unreachableOn };
      } catch (error) {
        if (!(error instanceof RecipientUnreachable)) {
          return {
            result: "retry",
            channel: channel.name,
            error: `${channel.name}: ${errorText(error)}`,
            errorKind: errorKind(error),
            ...(error instanceof RetryLater ? { notBeforeMs: error.retryAfterMs } : {}),
          };
        }
        unreachable.push(`${channel.name}: ${error.message}`);
        refusedBy.push(channel.name);
      }
    }
    return {
      result: "failed",
      error: `no way to reach ${recipient.name}: ${unreachable.join("; ")}`,
      unreachableOn: refusedBy,
    };
  }

  /**
   * An earlier attempt may have reached the person without hearing so: the channel that shows it did
   * (one that can look back at what it sent), if any. A look-up that fails counts as not found, so
   * the message goes again: twice rather than never.
   */
  private async findUnconfirmedDelivery(
    message: ClaimedOutboxMessage,
    since: Date,
    channels: ChatPlatform[],
  ): Promise<string | undefined> {
    for (const channel of channels) {
      if (!channel.wasDelivered) continue;
      try {
        if (await channel.wasDelivered(message.recipient, message.id, since)) {
          this.logger.info(
            { outboxId: message.id, kind: message.kind, channel: channel.name },
            "outbox message had arrived before its sender stopped; not sent again",
          );
          return channel.name;
        }
      } catch (error) {
        this.logger.warn(
          { outboxId: message.id, channel: channel.name, ...errorKind(error) },
          "could not check whether an interrupted send arrived; sending again",
        );
      }
    }
    return undefined;
  }

  /** Runs `deliverDue` now and then every `intervalMs` after each pass ends, so passes never overlap. */
  start(intervalMs: number): void {
    if (this.loop) return;
    const loop: TimerLoop = { stopped: false };
    const tick = () => {
      loop.inFlight = this.deliverDue()
        .then(
          (counts) => {
            if (counts.sent + counts.retried + counts.failed > 0) {
              this.logger.info(counts, "outbox pass done");
            }
          },
          (error: unknown) => this.logger.error(errorKind(error), "outbox pass stopped by an error"),
        )
        .finally(() => {
          loop.inFlight = undefined;
          if (!loop.stopped) loop.timer = setTimeout(tick, intervalMs);
        });
    };
    loop.timer = setTimeout(tick, 0);
    this.loop = loop;
  }

  /** Stops the timer, and resolves once the pass in flight (if any) has finished. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.loop = undefined;
    loop.stopped = true;
    clearTimeout(loop.timer);
    await loop.inFlight;
  }
}

type ErrorKind = { errorType: string; errorCode?: string };

/** What kind of error it was, for logs: its class and code, not its message. */
function errorKind(error: unknown): ErrorKind {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? { errorType: error.name, errorCode: code } : { errorType: error.name };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
