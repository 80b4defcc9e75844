// A post to an LDG channel cut off by a crash (made in Slack, never recorded) is looked for before it
// is made again: a problem's first post in the channel's history, which also gives its thread's
// anchor, and a reply among the thread's replies. Real parts: the store, the thread sender, Slack's
// LDG threads and Web API client against the stand-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatPlace } from "../src/chat/place.js";
import { Intake } from "../src/core/intake/ldg-channel.js";
import { createLogger } from "../src/log.js";
import { renderThreadPost } from "../src/outbox/thread-render.js";
import { ThreadSender } from "../src/outbox/thread-sender.js";
import { SlackLdgThreads } from "../src/slack/ldg-threads.js";
import { createBulkClient } from "../src/slack/web-clients.js";
import { PrismaChannelPosts } from "../src/store/channel-post-repository.js";
import { PrismaIntakeRepository } from "../src/store/intake-repository.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const CHANNEL = "C0CRAVENLDG";
const LDG_CHANNEL: ChatPlace = {
  kind: "channel",
  platform: "SLACK",
  address: { channelId: CHANNEL },
  botIsMember: true,
};
const CLAIM_LAPSED_MS = 3 * 60_000;

describe("a post to an LDG channel cut off by a crash", () => {
  let workflow: Workflow;
  let posts: PrismaChannelPosts;
  let api: SlackApiStandIn;
  let threads: SlackLdgThreads;
  let problemRef: string;

  beforeEach(async () => {
    workflow = await openWorkflow();
    posts = new PrismaChannelPosts(workflow.temp.store);
    api = await startSlackApiStandIn({ now: () => workflow.clock.now });
    threads = new SlackLdgThreads(
      createBulkClient({ botToken: "xoxb-0000-test", apiUrl: api.apiUrl }, createLogger("silent")),
    );
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    await new Intake(new PrismaIntakeRepository(workflow.temp.store)).command(
      coordinator,
      "threads",
      LDG_CHANNEL,
    );
    const { problem } = await workflow.problems.raise(await workflow.actorFor("sam.holmes@nyfrs.example"), {
      title: "Youths gathering at the war memorial",
      area: "CRA",
      category: "ASB",
      harm: 2,
      likelihood: 2,
    });
    problemRef = problem.ref;
    await workflow.problems.moveTo(coordinator, problem.ref, "TRIAGED");
    // Posts fall due at the database's clock: deliver from just after it.
    workflow.clock.now = new Date(Date.now() + 1000);
  });
  afterEach(async () => {
    await api.close();
    await workflow.temp.dispose();
  });

  const sender = () =>
    new ThreadSender({
      posts,
      threads: [threads],
      logger: createLogger("silent"),
      now: () => workflow.clock.now,
    });
  const posted = () => api.callsTo("chat.postMessage");
  const rows = () => workflow.temp.store.channelPost.findMany({ orderBy: { createdAt: "asc" } });

  /** What a sender did before it was killed: claimed the first due post, noted it, and (if `reached`) posted it. */
  async function killedMidPost(reached: boolean): Promise<void> {
    const [claimed] = await posts.claimDue(workflow.clock.now, 1);
    if (!claimed) throw new Error("nothing was due");
    await posts.markSending(claimed.id, workflow.clock.now);
    if (reached) {
      const message = renderThreadPost(claimed.startsThread, claimed.payload);
      const thread = await posts.anchorOf(claimed.problemRef);
      if (!claimed.startsThread && thread.state === "posted") {
        await threads.reply(claimed.address, thread.postedId, message, claimed.id);
      } else {
        await threads.start(claimed.address, message, claimed.id);
      }
    }
    workflow.clock.now = new Date(workflow.clock.now.getTime() + CLAIM_LAPSED_MS);
  }

  it("finds the thread's first post in the channel, keeps its anchor, and replies under it", async () => {
    await killedMidPost(true);
    const [start] = posted();
    const anchor = String(start?.result?.ts);

    expect(await sender().deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(posted()).toHaveLength(2);
    expect(posted()[1]?.args).toMatchObject({ channel: CHANNEL, thread_ts: anchor });
    expect(api.callsTo("conversations.history")[0]?.args).toMatchObject({
      channel: CHANNEL,
      include_all_metadata: "true",
    });
    const [first, reply] = await rows();
    expect(first).toMatchObject({ problemRef, state: "SENT", postedId: anchor, sendingSince: null });
    expect(reply).toMatchObject({ state: "SENT", sendingSince: null });
  });

  it("finds a reply among the thread's replies and does not post it again", async () => {
    expect(await sender().deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    await workflow.problems.rescore(coordinator, problemRef, { harm: 4, likelihood: 3 });
    workflow.clock.now = new Date(Date.now() + 1000);
    await killedMidPost(true);
    expect(posted()).toHaveLength(3);

    expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(posted()).toHaveLength(3);
    expect(api.callsTo("conversations.replies")[0]?.args).toMatchObject({ channel: CHANNEL });
    expect((await rows()).every((post) => post.state === "SENT")).toBe(true);
  });

  it("posts what Slack never got, once", async () => {
    await killedMidPost(false);

    expect(await sender().deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(posted()).toHaveLength(2);
    expect(api.callsTo("conversations.history")).toHaveLength(1);
  });

  it("posts again when Slack cannot be asked: twice rather than never", async () => {
    await killedMidPost(true);
    api.failNext("conversations.history", "missing_scope");

    expect(await sender().deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(posted()).toHaveLength(3);
    expect((await rows()).every((post) => post.state === "SENT")).toBe(true);
  });
});
