// The LDG channel's outbox over the real store (SQLite, and PostgreSQL in its project): posts are
// written with the change that causes them and addressed where they go (nowhere while the area takes
// problems in privately); a reply waits for its thread's first post without using up its attempts;
// two senders delivering at once make each post once; a bad `intake` writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelThreads } from "../src/chat/channel-threads.js";
import type { ChatMessage } from "../src/chat/message.js";
import type { ChatPlace } from "../src/chat/place.js";
import { AccessDenied, InvalidInput } from "../src/core/errors.js";
import { Intake } from "../src/core/intake/ldg-channel.js";
import { createLogger } from "../src/log.js";
import { ThreadSender } from "../src/outbox/thread-sender.js";
import { PrismaChannelPosts } from "../src/store/channel-post-repository.js";
import { PrismaIntakeRepository } from "../src/store/intake-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const LDG_CHANNEL: ChatPlace = {
  kind: "channel",
  platform: "SLACK",
  address: { channelId: "C0CRAVENLDG" },
  botIsMember: true,
};

/** A platform that records what it was asked to post, and can be held at its next post. */
class RecordingThreads implements ChannelThreads {
  readonly platform = "SLACK" as const;
  readonly started: { address: Record<string, unknown>; message: ChatMessage }[] = [];
  readonly replies: { anchor: string; message: ChatMessage }[] = [];
  failNext = false;

  async start(address: Record<string, unknown>, message: ChatMessage): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failNext) {
      this.failNext = false;
      throw new Error("Slack is having a bad day");
    }
    this.started.push({ address, message });
    return `1764100000.00000${this.started.length}`;
  }

  async reply(_address: Record<string, unknown>, anchor: string, message: ChatMessage): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.replies.push({ anchor, message });
  }
}

describe("the LDG channel's outbox", () => {
  let workflow: Workflow;
  let intake: Intake;
  let posts: PrismaChannelPosts;

  beforeAll(async () => {
    workflow = await openWorkflow();
    intake = new Intake(new PrismaIntakeRepository(workflow.temp.store));
    posts = new PrismaChannelPosts(workflow.temp.store);
  });
  afterAll(async () => workflow?.temp.dispose());

  const sender = (threads: RecordingThreads) =>
    new ThreadSender({
      posts,
      threads: [threads],
      logger: createLogger("silent"),
      now: () => workflow.clock.now,
      backoff: () => 60_000,
    });

  const raise = async (title: string) =>
    (
      await workflow.problems.raise(await workflow.actorFor("sam.holmes@nyfrs.example"), {
        title,
        area: "CRA",
        category: "ASB",
        harm: 2,
        likelihood: 2,
        description: "Names and addresses that must stay out of the channel",
        clientKey: `raise:${title}`,
      })
    ).problem;

  it("writes nothing for the channel while the area takes problems in privately", async () => {
    await raise("Graffiti on the bus shelter");
    expect(await workflow.temp.store.channelPost.count()).toBe(0);
  });

  it("refuses a bad intake with nothing written", async () => {
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    await expect(intake.command(coordinator, "threads", undefined)).rejects.toThrow(InvalidInput);
    await expect(intake.command(coordinator, "threads", { kind: "group" })).rejects.toThrow(InvalidInput);
    await expect(
      intake.command(coordinator, "threads", { ...LDG_CHANNEL, botIsMember: false } as ChatPlace),
    ).rejects.toThrow(/Add me to the channel first/);
    await expect(intake.command(coordinator, "threads Harrogate", LDG_CHANNEL)).rejects.toThrow(
      /not an area you coordinate/,
    );
    // Someone who coordinates several areas hears first that a direct message will not do.
    const everywhere = await workflow.actorFor("demo@ldg.example");
    await expect(intake.command(everywhere, "threads", { kind: "direct" })).rejects.toThrow(
      /Type this in the channel that should be the area's LDG channel/,
    );
    const officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    await expect(intake.command(officer, "threads", LDG_CHANNEL)).rejects.toThrow(AccessDenied);
    expect(await workflow.temp.store.areaLdgChannel.count()).toBe(0);
    expect(
      await workflow.temp.store.auditEvent.count({ where: { verb: { startsWith: "area.intake" } } }),
    ).toBe(0);
  });

  it("addresses a raised problem's posts to the LDG channel, each change once", async () => {
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    expect(await intake.command(coordinator, "threads", LDG_CHANNEL)).toMatch(/Craven's LDG channel/);
    const problem = await raise("Youths gathering at the war memorial");
    await raise("Youths gathering at the war memorial"); // the same raise, retried
    await workflow.problems.moveTo(coordinator, problem.ref, "TRIAGED");
    await workflow.problems.rescore(coordinator, problem.ref, { harm: 4, likelihood: 3 });
    const written = await workflow.temp.store.channelPost.findMany({ orderBy: { createdAt: "asc" } });
    expect(written.map((post) => [post.problemRef, post.startsThread, post.platform])).toEqual([
      [problem.ref, true, "SLACK"],
      [problem.ref, false, "SLACK"],
      [problem.ref, false, "SLACK"],
    ]);
    for (const post of written) expect(post.address).toEqual({ channelId: "C0CRAVENLDG" });
    expect(JSON.stringify(written.map((post) => post.payload))).not.toContain("Names and addresses");
  });

  it("holds replies until the thread's first post is in, without using up their attempts", async () => {
    // Posts fall due at the database's clock: deliver from just after it.
    workflow.clock.now = new Date(Date.now() + 1000);
    const threads = new RecordingThreads();
    threads.failNext = true;
    const counts = await sender(threads).deliverDue();
    expect(counts).toEqual({ sent: 0, retried: 3, failed: 0 });
    const waiting = await workflow.temp.store.channelPost.findMany({ where: { startsThread: false } });
    expect(waiting.map((post) => [post.attempts, post.lastError])).toEqual([
      [0, "waiting for the thread's first post"],
      [0, "waiting for the thread's first post"],
    ]);
    expect(threads.started).toHaveLength(0);
    expect(threads.replies).toHaveLength(0);
  });

  it("delivers each post once when two senders pass at the same moment, replies under the anchor", async () => {
    workflow.clock.now = new Date(workflow.clock.now.getTime() + 5 * 60_000);
    const threads = new RecordingThreads();
    const [first, second] = await Promise.all([sender(threads).deliverDue(), sender(threads).deliverDue()]);
    // The first post, then its replies in the same pass, each by one sender only.
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(3);
    expect(threads.started).toHaveLength(1);
    expect(threads.replies.map((reply) => reply.anchor)).toEqual(["1764100000.000001", "1764100000.000001"]);
    expect(threads.replies.map((reply) => reply.message.summary)).toEqual([
      expect.stringContaining("Triaged by the coordinator"),
      expect.stringContaining("Re-scored: priority now RED"),
    ]);
    const start = await workflow.temp.store.channelPost.findFirstOrThrow({ where: { startsThread: true } });
    expect(start).toMatchObject({ state: "SENT", postedId: "1764100000.000001", attempts: 2 });
    expect(await sender(threads).deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });
});
