// Requests as Slack sends them to /slack/events, signed the way Slack signs them: HMAC-SHA256 of
// `v0:<timestamp>:<body>` with the signing secret, in X-Slack-Signature, beside X-Slack-Request-Timestamp.
// Payload shapes follow Slack's documentation: slash commands form-encoded; interactions
// (block_actions, view_submission, shortcut, message_action) as a form field `payload` of JSON;
// Events API callbacks as JSON.
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "8f742231b10e8888abcd99eee85a5aa1";
export const TEAM = { id: "T0000001", domain: "ldg-test" };

export interface SlackUser {
  id: string;
  email: string;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  retryNum?: number;
  /** Where a slash command is typed; #general by default. */
  channel?: { id: string; name: string };
}

export class SlackSender {
  constructor(private readonly eventsUrl: string) {}

  async post(body: string, contentType: string, options: SendOptions = {}): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "Content-Type": contentType,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": signature(options.secret ?? SIGNING_SECRET, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers["X-Slack-Retry-Num"] = String(options.retryNum);
      headers["X-Slack-Retry-Reason"] = "http_timeout";
    }
    return fetch(this.eventsUrl, { method: "POST", headers, body });
  }

  slashCommand(user: SlackUser, text: string, responseUrl: string, options?: SendOptions) {
    const form = new URLSearchParams({
      token: "verification-token-unused",
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: options?.channel?.id ?? "C0000GENERAL",
      channel_name: options?.channel?.name ?? "general",
      user_id: user.id,
      user_name: user.email.split("@")[0] ?? "someone",
      command: "/ldg",
      text,
      api_app_id: "A0000LDG",
      response_url: responseUrl,
      trigger_id: triggerId(),
    });
    return this.post(form.toString(), "application/x-www-form-urlencoded", options);
  }

  interaction(payload: Record<string, unknown>, options?: SendOptions) {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.post(form.toString(), "application/x-www-form-urlencoded", options);
  }

  event(event: Record<string, unknown>, eventId: string, options?: SendOptions) {
    const body = JSON.stringify({
      token: "verification-token-unused",
      team_id: TEAM.id,
      api_app_id: "A0000LDG",
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM.id, user_id: "UBOT000001", is_bot: true }],
    });
    return this.post(body, "application/json", options);
  }
}

let triggers = 0;
function triggerId(): string {
  return `${++triggers}.1234567890.abcdef${triggers}`;
}

const base = (type: string, user: SlackUser) => ({
  type,
  team: TEAM,
  user: { id: user.id, username: user.email.split("@")[0], team_id: TEAM.id },
  api_app_id: "A0000LDG",
  token: "verification-token-unused",
  trigger_id: triggerId(),
});

export function globalShortcut(user: SlackUser, callbackId: string) {
  return { ...base("shortcut", user), callback_id: callbackId, action_ts: "1764100000.000001" };
}

export function messageShortcut(
  user: SlackUser,
  callbackId: string,
  message: { channel: string; ts: string; text: string; author: string },
) {
  return {
    ...base("message_action", user),
    callback_id: callbackId,
    action_ts: "1764100000.000002",
    message_ts: message.ts,
    channel: { id: message.channel, name: "craven-officers" },
    message: { type: "message", user: message.author, ts: message.ts, text: message.text },
    response_url: "https://hooks.slack.example/unused",
  };
}

/** A button on a message in `channel` (a DM when it starts with D), or on an ephemeral reply. */
export function buttonPress(
  user: SlackUser,
  button: { action_id: string; value: string },
  where: { channel: string; ts: string; ephemeral?: boolean; responseUrl: string },
) {
  return {
    ...base("block_actions", user),
    container: {
      type: "message",
      message_ts: where.ts,
      channel_id: where.channel,
      is_ephemeral: where.ephemeral ?? false,
    },
    channel: { id: where.channel, name: where.channel.startsWith("D") ? "directmessage" : "channel" },
    ...(where.ephemeral
      ? {}
      : { message: { type: "message", ts: where.ts, text: "card", user: "UBOT000001" } }),
    response_url: where.responseUrl,
    actions: [
      {
        type: "button",
        block_id: "b1",
        action_id: button.action_id,
        value: button.value,
        text: { type: "plain_text", text: "Button" },
        action_ts: "1764100000.000003",
      },
    ],
  };
}

type ViewElement = { type: string; action_id: string; [property: string]: unknown };
type ViewBlock = { type: string; block_id?: string; element?: ViewElement };
export type OpenedView = {
  blocks: ViewBlock[];
  private_metadata?: string;
  callback_id?: string;
  title?: unknown;
};

/** The input element of the field `name` in an opened modal. */
export function inputOf(view: OpenedView, name: string): ViewElement {
  const element = view.blocks.find((block) => block.block_id === name)?.element;
  if (!element) throw new Error(`the modal has no input "${name}"`);
  return element;
}

/**
 * A view_submission of `view` (as the bot opened it) with these values by field name: text for
 * inputs, the option's value for selects, a list for checkboxes, true for a toggle. Fields not
 * named keep their initial value, as Slack would send them.
 */
export function viewSubmission(
  user: SlackUser,
  view: OpenedView,
  values: Record<string, string | string[] | boolean>,
  viewId = "V0000001",
) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const element = block.element;
    const given = values[block.block_id];
    let value: Record<string, unknown>;
    switch (element.type) {
      case "plain_text_input":
        value = { value: given ?? element.initial_value ?? null };
        break;
      case "static_select": {
        const chosen = given ?? (element.initial_option as { value: string } | undefined)?.value;
        value = {
          selected_option: chosen ? { text: { type: "plain_text", text: chosen }, value: chosen } : null,
        };
        break;
      }
      default: {
        const initial = ((element.initial_options as { value: string }[] | undefined) ?? []).map(
          (o) => o.value,
        );
        const chosen =
          given === true ? ["on"] : given === false ? [] : ((given as string[] | undefined) ?? initial);
        value = {
          selected_options: chosen.map((v) => ({ text: { type: "plain_text", text: v }, value: v })),
        };
      }
    }
    state[block.block_id] = { [element.action_id]: { type: element.type, ...value } };
  }
  return {
    ...base("view_submission", user),
    view: {
      id: viewId,
      team_id: TEAM.id,
      type: "modal",
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? "",
      blocks: view.blocks,
      state: { values: state },
      hash: "156772938.1827394",
      title: view.title,
      app_id: "A0000LDG",
      bot_id: "BBOT000001",
    },
    response_urls: [],
  };
}
