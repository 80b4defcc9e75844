// A local stand-in for the Bot Framework connector service: the bot posts its replies here (the
// activity's serviceUrl), and member look-ups are answered from a table the test fills.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorStandIn {
  serviceUrl: string;
  replies: Record<string, unknown>[];
  /** The conversation each reply was posted into, by index (a thread's is `<channel>;messageid=<post>`). */
  postedTo: string[];
  /** Conversations the bot created (a new post in a team channel), with what it asked for. */
  created: { id: string; parameters: Record<string, unknown> }[];
  /** Activities the bot replaced in place (updateActivity), by the id of the one replaced. */
  updates: { id: string; activity: Record<string, unknown> }[];
  /** Conversations the bot has been removed from: posting into them answers 403, as Teams does. */
  removedFrom: Set<string>;
  members: Map<
    string,
    { id: string; name: string; email?: string; userPrincipalName?: string; aadObjectId?: string }
  >;
  /** Holds the next reply the bot posts unanswered until `release`, so that its turn stays in flight. */
  holdNextReply(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

type Hold = { arrive(): void; released: Promise<void> };

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const replies: Record<string, unknown>[] = [];
  const postedTo: string[] = [];
  const created: ConnectorStandIn["created"] = [];
  const updates: ConnectorStandIn["updates"] = [];
  const removedFrom = new Set<string>();
  const members: ConnectorStandIn["members"] = new Map();
  let hold: Hold | undefined;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = request.url ?? "";
    const member = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(url);
    if (request.method === "GET" && member) {
      const found = members.get(decodeURIComponent(member[1] as string));
      response.writeHead(found ? 200 : 404, { "Content-Type": "application/json" });
      response.end(JSON.stringify(found ?? { error: { code: "NotFound" } }));
      return;
    }
    const posted = /\/v3\/conversations\/([^/]+)\/activities/.exec(url);
    if (request.method === "POST" && posted && removedFrom.has(decodeURIComponent(posted[1] as string))) {
      response.writeHead(403, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { code: "BotNotInConversationRoster", message: "removed" } }));
      return;
    }
    if (request.method === "POST" && posted) {
      const held = hold;
      hold = undefined;
      if (held) {
        held.arrive();
        await held.released;
      }
      replies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      postedTo.push(decodeURIComponent(posted[1] as string));
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ id: `reply-${replies.length}` }));
      return;
    }
    // A new post in a team channel: Teams answers with the post's thread as the conversation.
    if (request.method === "POST" && /\/v3\/conversations\/?$/.test(url)) {
      const parameters = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const channel = String(parameters.channelData?.channel?.id ?? "");
      if (removedFrom.has(channel)) {
        response.writeHead(403, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ error: { code: "BotNotInConversationRoster", message: "removed" } }));
        return;
      }
      const activityId = String(1764100000000 + created.length + 1);
      const id = `${channel};messageid=${activityId}`;
      created.push({ id, parameters });
      response.writeHead(201, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ id, activityId }));
      return;
    }
    const updated = /\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/.exec(url);
    if (request.method === "PUT" && updated) {
      const id = decodeURIComponent(updated[1] as string);
      updates.push({ id, activity: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ id }));
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    replies,
    postedTo,
    created,
    updates,
    removedFrom,
    members,
    holdNextReply() {
      let arrive = () => {};
      let release = () => {};
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      hold = { arrive, released: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived, release };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Conversation = { id: string; conversationType: "personal" | "groupChat" | "channel" };

const PERSONAL_CHAT: Conversation = { id: "a:personal-chat-1", conversationType: "personal" };

/** A Teams message activity (by default in a personal chat), as the Teams service (or the playground) posts it. */
export function teamsMessage(
  serviceUrl: string,
  text: string,
  from = { id: "29:user-1", aadObjectId: "aad-user-1" },
  conversation: Conversation = PERSONAL_CHAT,
) {
  return {
    type: "message",
    id: `activity-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { ...from, name: "Test User" },
    conversation: { ...conversation, tenantId: "tenant-1" },
    recipient: { id: "28:ldg-bot", name: "ldg-bot" },
    text,
    channelData: { tenant: { id: "tenant-1" } },
  };
}

/** A press on a card's Action.Execute (a button or a form's submit), as Teams posts it. */
export function cardAction(
  serviceUrl: string,
  action: { verb: string; data: Record<string, unknown> },
  from = { id: "29:user-1", aadObjectId: "aad-user-1" },
  conversation: Conversation = PERSONAL_CHAT,
) {
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    id: `invoke-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { ...from, name: "Test User" },
    conversation: { ...conversation, tenantId: "tenant-1" },
    recipient: { id: "28:ldg-bot", name: "ldg-bot" },
    replyToId: "card-1",
    value: { action: { type: "Action.Execute", ...action }, trigger: "manual" },
    channelData: { tenant: { id: "tenant-1" } },
  };
}

/** Every text a reply carried: its text and the text blocks and facts of any Adaptive Card. */
export function replyText(reply: Record<string, unknown>): string {
  const parts: string[] = [String(reply.text ?? "")];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      for (const key of ["text", "title", "value"])
        if (typeof record[key] === "string") parts.push(record[key] as string);
      Object.values(record).forEach(visit);
    }
  };
  visit(reply.attachments);
  return parts.join("\n");
}
