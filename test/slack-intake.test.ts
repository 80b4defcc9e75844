// Intake in an area's LDG channel, from Slack alone, every step a signed request through Bolt's
// real receiver: the coordinator makes a channel the area's LDG channel with `/ldg intake threads`
// (refused, with nothing written, from a DM, a channel the bot is not in, or by someone who is not
// the coordinator); a problem raised in the area is posted there as a new message with its
// headlines only; its news follows as replies in that message's thread; convening it opens its
// private channel and says so in the thread; a failed post is retried without posting twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackCall } from "./support/slack-api-stand-in.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import { buttonPress, type SlackUser, viewSubmission } from "./support/slack-requests.js";

type Button = { action_id: string; value: string };

function buttonsOf(call: SlackCall): Button[] {
  return ((call.args.blocks ?? []) as { elements?: Button[] }[]).flatMap((block) => block.elements ?? []);
}

const LDG_CHANNEL = { id: "C0CRAVENLDG", name: "craven-ldg" };
const DEMO_COORDINATOR: SlackUser = { id: "U0DEMO0001", email: "demo@ldg.example" };

// What the officer writes about the people and the place: it must never reach the channel.
const PERSONAL = {
  description: "Mrs Ada Lovelace, 82, is targeted by youths every evening",
  locationText: "14 Lamb Lane, Skipton",
  victimOrTarget: "Ada Lovelace",
  offender: "Three lads from Park Road",
};

describe("problems as threads in the area's LDG channel, in Slack", () => {
  let harness: SlackHarness;
  let ref: string;
  let anchor: string;

  beforeAll(async () => {
    harness = await startSlackHarness();
    harness.api.users.set(DEMO_COORDINATOR.id, DEMO_COORDINATOR.email);
    harness.api.botChannels.add(LDG_CHANNEL.id);
  });
  afterAll(async () => harness?.close());

  /** `/ldg <text>` typed by `user` in `channel`; returns what the bot answered through the response URL. */
  async function command(user: SlackUser, text: string, channel = LDG_CHANNEL): Promise<string> {
    const responseUrl = harness.api.responseUrl();
    const response = await harness.slack.slashCommand(user, text, responseUrl, { channel });
    expect(response.status).toBe(200);
    await harness.settle();
    const answer = harness.api
      .callsTo("response_url")
      .filter((call) => call.args !== undefined)
      .at(-1);
    return JSON.stringify(answer?.args ?? {});
  }

  /** Opens a form with `/ldg <text>` and submits it with `values`. */
  async function submitForm(user: SlackUser, text: string, values: Record<string, string | boolean>) {
    const opened = harness.api.callsTo("views.open").length;
    const response = await harness.slack.slashCommand(user, text, harness.api.responseUrl(), {
      channel: LDG_CHANNEL,
    });
    expect(response.status).toBe(200);
    await harness.settle();
    expect(harness.api.callsTo("views.open")).toHaveLength(opened + 1);
    const submitted = await harness.slack.interaction(viewSubmission(user, harness.lastOpenedView(), values));
    expect(submitted.status).toBe(200);
    await harness.settle();
  }

  function postsInLdgChannel(): SlackCall[] {
    return harness.api.callsTo("chat.postMessage").filter((call) => call.args.channel === LDG_CHANNEL.id);
  }

  it("refuses a DM, a channel the bot is not in, and anyone but the area's coordinator, writing nothing", async () => {
    expect(
      await command(PEOPLE.coordinator, "intake threads", { id: "D0HELEN001", name: "directmessage" }),
    ).toMatch(/in the channel that should be the area's LDG channel, not in a direct message/);
    expect(
      await command(PEOPLE.coordinator, "intake threads", { id: "G0HIDDEN01", name: "privategroup" }),
    ).toMatch(/I'm not in this channel.*Add me to the channel first/);
    expect(await command(PEOPLE.officer, "intake threads")).toMatch(/Only an area's coordinator/);
    // Someone who coordinates several areas names the one they mean.
    expect(await command(DEMO_COORDINATOR, "intake threads")).toMatch(/Which area\? You coordinate .*Craven/);
    expect(await command(DEMO_COORDINATOR, "intake threads Atlantis")).toMatch(
      /Atlantis\W+ is not an area you coordinate/,
    );
    expect(await harness.app.store.areaLdgChannel.count()).toBe(0);
    expect(await harness.app.store.auditEvent.count({ where: { verb: { startsWith: "area.intake" } } })).toBe(
      0,
    );
    expect(await command(PEOPLE.coordinator, "intake")).toMatch(
      /In Craven each problem gets a private conversation/,
    );
  });

  it("makes the channel the coordinator types `intake threads` in the area's LDG channel, audited", async () => {
    expect(await command(PEOPLE.coordinator, "intake threads")).toMatch(/this is now Craven's LDG channel/);
    const craven = await harness.app.store.area.findUniqueOrThrow({ where: { code: "CRA" } });
    const stored = await harness.app.store.areaLdgChannel.findUniqueOrThrow({ where: { areaId: craven.id } });
    expect(stored).toMatchObject({ platform: "SLACK", address: { channelId: LDG_CHANNEL.id } });
    const audit = await harness.app.store.auditEvent.findMany({ where: { verb: "area.intake.threads" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entityId).toBe(craven.id);
    expect(await command(PEOPLE.coordinator, "intake")).toMatch(/In Craven problems are raised as threads/);
  });

  it("posts a problem raised in the area as a new message in the LDG channel, headlines only, once despite a failure", async () => {
    await submitForm(PEOPLE.officer, "raise", {
      title: "Older resident targeted by youths",
      area: "CRA",
      category: "ASB",
      harm: "3",
      likelihood: "3",
      vulnerablePerson: true,
      classification: "OFFICIAL_SENSITIVE",
      ...PERSONAL,
    });
    const problem = await harness.app.store.problem.findFirstOrThrow();
    ref = problem.ref;
    expect(postsInLdgChannel()).toHaveLength(0); // nothing goes out but through the outbox

    // Slack fails the first try: nothing was posted, and the post waits for its retry.
    harness.api.failNext("chat.postMessage", "internal_error", (args) => args.channel === LDG_CHANNEL.id);
    await harness.app.outbox.deliverDue();
    expect(postsInLdgChannel()).toHaveLength(0);
    const waiting = await harness.app.store.channelPost.findFirstOrThrow({ where: { problemRef: ref } });
    expect(waiting).toMatchObject({ state: "PENDING", attempts: 1, postedId: null });
    await harness.app.outbox.deliverDue(); // not due yet: still nothing
    expect(postsInLdgChannel()).toHaveLength(0);

    // Its retry falls due; then later passes find nothing more to post.
    await harness.app.store.channelPost.updateMany({ data: { nextAttemptAt: new Date(0) } });
    await harness.app.outbox.deliverDue();
    await harness.app.outbox.deliverDue();
    const posts = postsInLdgChannel();
    expect(posts).toHaveLength(1);
    const top = posts[0] as SlackCall;
    expect(top.args.thread_ts).toBeUndefined();
    const text = JSON.stringify(top.args);
    expect(text).toContain(ref);
    expect(text).toContain("Older resident targeted by youths");
    expect(text).toContain("RED");
    expect(text).toContain("OFFICIAL-SENSITIVE");
    anchor = String(top.result?.ts);
    const sent = await harness.app.store.channelPost.findFirstOrThrow({ where: { problemRef: ref } });
    expect(sent).toMatchObject({ state: "SENT", attempts: 2, postedId: anchor, startsThread: true });
  });

  it("shows the details from the channel's card only to someone allowed, in a view only they see", async () => {
    const top = postsInLdgChannel()[0] as SlackCall;
    const details = buttonsOf(top).find((button) => button.action_id === "problem.details");
    expect(details?.value).toBe(ref);
    const press = async (user: SlackUser) => {
      const opened = harness.api.callsTo("views.open").length;
      const response = await harness.slack.interaction(
        buttonPress(user, details as Button, {
          channel: LDG_CHANNEL.id,
          ts: anchor,
          responseUrl: harness.api.responseUrl(),
        }),
      );
      expect(response.status).toBe(200);
      await harness.settle();
      expect(harness.api.callsTo("views.open")).toHaveLength(opened + 1);
      return JSON.stringify(harness.lastOpenedView());
    };
    const posts = postsInLdgChannel().length;
    expect(await press(PEOPLE.officer)).toContain(PERSONAL.victimOrTarget);
    // The police SPOC is in the channel but not (yet) a partner on this problem.
    const refused = await press(PEOPLE.policeSpoc);
    expect(refused).not.toContain(PERSONAL.victimOrTarget);
    expect(refused).not.toContain(PERSONAL.description);
    expect(postsInLdgChannel()).toHaveLength(posts);
    expect(await harness.app.store.auditEvent.count({ where: { verb: "problem.details.refused" } })).toBe(1);
  });

  it("moves the problem to its private channel when convened, and says so in the thread", async () => {
    await submitForm(PEOPLE.coordinator, `convene ${ref}`, {
      when: "next Tuesday 10:00",
      place: "Skipton Town Hall",
    });
    const created = harness.api.callsTo("conversations.create");
    expect(created).toHaveLength(1);
    expect(created[0]?.args).toMatchObject({ name: `ldg-${ref.toLowerCase()}`, is_private: "true" });
    const before = postsInLdgChannel().length;
    await harness.app.outbox.deliverDue();
    const replies = postsInLdgChannel().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args.thread_ts).toBe(anchor);
    const moved = JSON.stringify(replies[0]?.args);
    expect(moved).toContain("moved to a private conversation for its partners");
    // A problem's private channel cannot become the LDG channel: its partners would see every problem.
    const privateId = String((created[0]?.result?.channel as { id?: string } | undefined)?.id);
    expect(
      await command(PEOPLE.coordinator, "intake threads", { id: privateId, name: "privategroup" }),
    ).toMatch(/one problem's private channel/);
    const craven = await harness.app.store.area.findUniqueOrThrow({ where: { code: "CRA" } });
    expect(
      (await harness.app.store.areaLdgChannel.findUniqueOrThrow({ where: { areaId: craven.id } })).address,
    ).toEqual({ channelId: LDG_CHANNEL.id });
    // No link to the private channel: who is in it stays as Slack shows it.
    const privateChannel = (created[0]?.result?.channel as { id: string } | undefined)?.id;
    expect(privateChannel).toBeDefined();
    expect(moved).not.toContain(String(privateChannel));
  });

  it("replies in the thread again when an action is tasked, and again when its SPOC accepts it", async () => {
    await submitForm(PEOPLE.coordinator, `task ${ref}`, {
      text: "Visit Mrs Lovelace with the PCSO this week",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    const before = postsInLdgChannel().length;
    await harness.app.outbox.deliverDue();
    const replies = postsInLdgChannel().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args.thread_ts).toBe(anchor);
    expect(JSON.stringify(replies[0]?.args)).toContain("Action tasked to North Yorkshire Police");

    // The SPOC accepts from the card the outbox sent them by DM.
    const card = harness.api
      .callsTo("chat.postMessage")
      .find(
        (call) =>
          call.args.channel === `D${PEOPLE.policeSpoc.id.slice(1)}` &&
          buttonsOf(call).some((button) => button.action_id === "action.accept"),
      );
    const accept = card && buttonsOf(card).find((button) => button.action_id === "action.accept");
    expect(accept).toBeDefined();
    const pressed = await harness.slack.interaction(
      buttonPress(PEOPLE.policeSpoc, accept as Button, {
        channel: String(card?.args.channel),
        ts: String(card?.result?.ts),
        responseUrl: harness.api.responseUrl(),
      }),
    );
    expect(pressed.status).toBe(200);
    await harness.settle();
    await harness.app.outbox.deliverDue();
    const accepted = postsInLdgChannel().slice(before + 1);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.args.thread_ts).toBe(anchor);
    expect(JSON.stringify(accepted[0]?.args)).toContain("North Yorkshire Police accepted an action");
  });

  it("never shows personal details or action texts in the LDG channel", () => {
    const everything = JSON.stringify(postsInLdgChannel().map((call) => call.args));
    for (const detail of [...Object.values(PERSONAL), "Visit Mrs Lovelace", "Skipton Town Hall"]) {
      expect(everything).not.toContain(detail);
    }
  });

  it("goes back to a private conversation per problem with `intake private`; new problems stay out of the channel", async () => {
    expect(await command(PEOPLE.coordinator, "intake private")).toMatch(
      /Done: in Craven each problem gets a private/,
    );
    expect(await harness.app.store.areaLdgChannel.count()).toBe(0);
    const before = postsInLdgChannel().length;
    await submitForm(PEOPLE.officer, "raise", {
      title: "Fly-tipping on the canal towpath",
      area: "CRA",
      category: "ENVIRONMENTAL",
      harm: "1",
      likelihood: "2",
    });
    await harness.app.outbox.deliverDue();
    expect(postsInLdgChannel()).toHaveLength(before);
    expect(await harness.app.store.channelPost.count({ where: { startsThread: true } })).toBe(1);
  });
});
