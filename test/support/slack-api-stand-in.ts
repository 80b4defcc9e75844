// A local stand-in for Slack's Web API (and for response URLs and file upload URLs): the bot's
// WebClient is pointed here with slackApiUrl. It records every call, method and arguments (with
// blocks and views parsed back from their JSON), and answers the way Slack documents: channel ids
// from conversations.create/open, a view id from views.open, profile emails from users.info, a
// channel's posted messages (with their metadata when asked) from conversations.history, and a 429
// with Retry-After when a test asks for one.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** What the stand-in answered (a posted message's ts, an opened view's id...). */
  result?: Record<string, unknown>;
}

export interface SlackApiStandIn {
  /** The Web API base, ending in a slash, as SLACK_API_URL. */
  apiUrl: string;
  /** A fresh response URL for a slash command or a button; posts to it are recorded as `response_url`. */
  responseUrl(): string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Slack users by id, with the email their profile shows. */
  users: Map<string, string>;
  /** The next call to `method` gets a 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** The next call to `method` (whose arguments pass `onlyIf`, if given) is answered with this Slack error. */
  failNext(method: string, error: string, onlyIf?: (args: Record<string, unknown>) => boolean): void;
  /** Channels the bot is a member of, for conversations.info; private ones (G...) it is not in are hidden from it. */
  botChannels: Set<string>;
  close(): Promise<void>;
}

export const BOT_USER_ID = "UBOT000001";

/** Form fields that carry JSON, as the WebClient sends them. */
const JSON_FIELDS = new Set(["blocks", "view", "attachments", "files", "metadata"]);

function parseArgs(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return body ? JSON.parse(body) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

export interface SlackApiStandInOptions {
  /** Posted messages' ts are this clock's seconds (the default: a fixed day), so `oldest` can pick them. */
  now?: () => Date;
}

interface PostedMessage {
  ts: string;
  text: unknown;
  metadata?: unknown;
  threadTs?: string;
}

export async function startSlackApiStandIn(options: SlackApiStandInOptions = {}): Promise<SlackApiStandIn> {
  const calls: SlackCall[] = [];
  const users = new Map<string, string>();
  const rateLimits = new Map<string, number>();
  const failures = new Map<string, { error: string; onlyIf?: (args: Record<string, unknown>) => boolean }>();
  const botChannels = new Set<string>();
  const channelsByName = new Map<string, string>();
  const posted = new Map<string, PostedMessage[]>();
  let counter = 0;
  const next = () => String(++counter).padStart(6, "0");
  const seconds = () => (options.now ? Math.floor(options.now().getTime() / 1000) : 1764100000);
  let base = "";

  const post = (args: Record<string, unknown>) => {
    const channel = String(args.channel);
    const message: PostedMessage = {
      ts: `${seconds()}.${next()}`,
      text: args.text,
      metadata: args.metadata,
      ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
    };
    posted.set(channel, [...(posted.get(channel) ?? []), message]);
    return { ok: true, channel, ts: message.ts };
  };

  // From `oldest` on, metadata only when asked for, as Slack does; one page. The channel's own
  // messages newest first (history), or a thread's parent and replies oldest first (replies).
  const history = (args: Record<string, unknown>, thread?: string) => {
    const oldest = Number(args.oldest ?? 0);
    const withMetadata = String(args.include_all_metadata) === "true";
    const inChannel = posted.get(String(args.channel)) ?? [];
    const listed = thread
      ? inChannel.filter((message) => message.ts === thread || message.threadTs === thread)
      : inChannel.filter((message) => message.threadTs === undefined).reverse();
    const messages = listed
      .filter((message) => Number(message.ts) > oldest)
      .map(({ ts, text, metadata }) => ({
        type: "message",
        ts,
        text,
        ...(withMetadata && metadata ? { metadata } : {}),
      }));
    return { ok: true, messages, has_more: false };
  };

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: BOT_USER_ID, bot_id: "BBOT000001", team_id: "T0000001", user: "ldg-bot" };
      case "users.info": {
        const email = users.get(String(args.user));
        return email
          ? { ok: true, user: { id: args.user, profile: { email } } }
          : { ok: false, error: "user_not_found" };
      }
      case "users.lookupByEmail": {
        const found = [...users].find(([, email]) => email === args.email);
        return found
          ? { ok: true, user: { id: found[0], profile: { email: found[1] } } }
          : { ok: false, error: "users_not_found" };
      }
      case "conversations.open": {
        const user = String(args.users);
        if (user.startsWith("U") && !users.has(user)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: `D${user.slice(1)}` } };
      }
      case "conversations.create": {
        const name = String(args.name);
        if (channelsByName.has(name)) return { ok: false, error: "name_taken" };
        const id = `G${next()}`;
        channelsByName.set(name, id);
        return { ok: true, channel: { id, name, is_private: args.is_private === "true" } };
      }
      case "chat.postMessage":
        return post(args);
      case "conversations.history":
        return history(args);
      case "conversations.replies":
        return history(args, String(args.ts));
      case "conversations.info": {
        const id = String(args.channel);
        const isMember = botChannels.has(id);
        if (id.startsWith("G") && !isMember) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id, is_channel: true, is_member: isMember } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: `1764100000.${next()}` };
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "chat.getPermalink":
        return {
          ok: true,
          permalink: `https://ldg.slack.example/archives/${args.channel}/p${String(args.message_ts).replace(".", "")}`,
        };
      case "views.open":
      case "views.publish":
        return { ok: true, view: { id: `V${next()}`, ...(args.view as object) } };
      case "files.getUploadURLExternal": {
        const fileId = `F${next()}`;
        return { ok: true, upload_url: `${base}upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal":
        return { ok: true, files: args.files ?? [] };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", ...headers });
      response.end(JSON.stringify(json));
    };
    if (path.startsWith("/respond/")) {
      calls.push({ method: "response_url", args: JSON.parse(body.toString("utf8")) });
      reply(200, { ok: true });
      return;
    }
    if (path.startsWith("/upload/")) {
      calls.push({
        method: "file_upload",
        args: { fileId: path.slice(8), content: body.toString("utf8"), bytes: body },
      });
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.end("OK");
      return;
    }
    const method = path.replace(/^\/api\//, "");
    const args = parseArgs(body.toString("utf8"), String(request.headers["content-type"] ?? ""));
    const retryAfter = rateLimits.get(method);
    if (retryAfter !== undefined) {
      rateLimits.delete(method);
      calls.push({ method: `${method} (rate limited)`, args });
      reply(429, { ok: false, error: "ratelimited" }, { "Retry-After": String(retryAfter) });
      return;
    }
    const failure = failures.get(method);
    if (failure && (failure.onlyIf?.(args) ?? true)) {
      failures.delete(method);
      calls.push({ method: `${method} (failed)`, args });
      reply(200, { ok: false, error: failure.error });
      return;
    }
    const result = answer(method, args);
    calls.push({ method, args, result });
    reply(200, result);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;
  return {
    apiUrl: `${base}api/`,
    responseUrl: () => `${base}respond/${next()}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    users,
    rateLimitNext: (method, seconds) => rateLimits.set(method, seconds),
    failNext: (method, error, onlyIf) => failures.set(method, { error, ...(onlyIf ? { onlyIf } : {}) }),
    botChannels,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
