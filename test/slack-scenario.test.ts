// The whole problem-solving workflow from Slack alone, every step a signed request through Bolt's
// real receiver: raise from a message shortcut, convene (private channel, partners invited, card
// pinned), task, the SPOC's action card by DM from the outbox, accept in place, decline another
// with a reason, done, and close with an outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCallsWithinLimits } from "./support/block-kit-limits.js";
import type { SlackCall } from "./support/slack-api-stand-in.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import {
  buttonPress,
  inputOf,
  messageShortcut,
  type SlackUser,
  viewSubmission,
} from "./support/slack-requests.js";

type Button = { action_id: string; value: string };

function buttonsIn(call: SlackCall | undefined): Button[] {
  const blocks = (call?.args.blocks ?? []) as { type: string; elements?: Button[] }[];
  return blocks.filter((block) => block.type === "actions").flatMap((block) => block.elements ?? []);
}

describe("the workflow from Slack alone", () => {
  let harness: SlackHarness;
  let ref: string;
  let channelId: string;
  let cardTs: string;

  beforeAll(async () => {
    harness = await startSlackHarness();
  });
  afterAll(async () => harness?.close());

  /** Opens a form through `open`, then submits it with `values`; returns the HTTP response body. */
  async function fillIn(
    user: SlackUser,
    open: () => Promise<Response>,
    values: Record<string, string | string[] | boolean>,
  ) {
    const opened = harness.api.callsTo("views.open").length;
    expect((await open()).status).toBe(200);
    await harness.settle();
    expect(harness.api.callsTo("views.open").length).toBe(opened + 1);
    const view = harness.lastOpenedView();
    const response = await harness.slack.interaction(viewSubmission(user, view, values));
    expect(response.status).toBe(200);
    const text = await response.text();
    await harness.settle();
    return { view, answer: text === "" ? {} : JSON.parse(text) };
  }

  async function dmCardFor(user: SlackUser, since: number, heading: RegExp): Promise<SlackCall> {
    const card = harness.api.calls
      .slice(since)
      .find(
        (call) =>
          call.method === "chat.postMessage" &&
          call.args.channel === `D${user.id.slice(1)}` &&
          heading.test(JSON.stringify(call.args.blocks)),
      );
    if (!card) throw new Error(`no DM to ${user.email} matching ${heading}`);
    return card;
  }

  it("raises a problem from a message, with the message and its permalink as the description, once", async () => {
    const { view, answer } = await fillIn(
      PEOPLE.officer,
      () =>
        harness.slack.interaction(
          messageShortcut(PEOPLE.officer, "raise_problem_from_message", {
            channel: "C0CRAVEN01",
            ts: "1764090000.000100",
            text: "Bins set alight behind the skate park again &amp; a car last night",
            author: PEOPLE.policeSpoc.id,
          }),
        ),
      { title: "Deliberate fires near the skate park", category: "FIRE_RISK", harm: "3", likelihood: "3" },
    );
    expect(harness.api.callsTo("chat.getPermalink")[0]?.args).toMatchObject({
      channel: "C0CRAVEN01",
      message_ts: "1764090000.000100",
    });
    expect(inputOf(view, "description").initial_value).toBe(
      "Bins set alight behind the skate park again & a car last night\n\nFrom Slack: https://ldg.slack.example/archives/C0CRAVEN01/p1764090000000100",
    );
    expect(answer).toEqual({});

    const problems = await harness.app.store.problem.findMany();
    expect(problems).toHaveLength(1);
    ref = problems[0]?.ref as string;
    expect(ref).toMatch(/^CRA-\d{4}-0001$/);
    expect(problems[0]?.priority).toBe("RED");

    // Slack resends a submission it thinks was lost: the formKey makes it the same problem.
    const again = await harness.slack.interaction(
      viewSubmission(PEOPLE.officer, view, {
        title: "Deliberate fires near the skate park",
        category: "FIRE_RISK",
        harm: "3",
        likelihood: "3",
      }),
    );
    expect(again.status).toBe(200);
    await harness.settle();
    expect(await harness.app.store.problem.count()).toBe(1);
    // The new card reaches the officer by DM, headlines only.
    const card = await dmCardFor(PEOPLE.officer, 0, new RegExp(ref));
    expect(JSON.stringify(card.args.blocks)).not.toContain("skate park again");
  });

  it("lets the coordinator convene it: a private channel named from the reference, partners invited, the card pinned", async () => {
    const since = harness.api.calls.length;
    const responseUrl = harness.api.responseUrl();
    const { view } = await fillIn(
      PEOPLE.coordinator,
      () => harness.slack.slashCommand(PEOPLE.coordinator, `convene ${ref}`, responseUrl),
      { when: "next Tuesday 10:00", place: "Skipton Town Hall" },
    );
    const partners = inputOf(view, "partners").initial_options as { value: string }[];
    expect(partners.map((option) => option.value)).toContain("North Yorkshire Fire and Rescue Service");

    const created = harness.api.callsTo("conversations.create");
    expect(created).toHaveLength(1);
    expect(created[0]?.args).toMatchObject({
      name: ref.toLowerCase().replace(/^/, "ldg-"),
      is_private: "true",
    });
    const invited = harness.api.callsTo("conversations.invite").map((call) => call.args.users);
    expect(invited).toEqual(expect.arrayContaining([PEOPLE.coordinator.id, PEOPLE.fireSpoc.id]));
    const mapping = await harness.app.store.slackProblemChannel.findUniqueOrThrow({
      where: { problemRef: ref },
    });
    channelId = mapping.channelId;
    cardTs = mapping.cardTs as string;
    const posted = harness.api.callsTo("chat.postMessage").find((call) => call.args.channel === channelId);
    expect(posted && JSON.stringify(posted.args.blocks)).toContain(ref);
    expect(harness.api.callsTo("pins.add")[0]?.args).toEqual({ channel: channelId, timestamp: cardTs });
    // The coordinator's ephemeral /ldg reply is replaced by the convened problem card.
    const replaced = harness.api.calls.slice(since).find((call) => call.method === "response_url");
    expect(replaced?.args.replace_original).toBe(true);
    expect(JSON.stringify(replaced?.args.blocks)).toMatch(/convened/i);
    expect((await harness.app.store.problem.findUniqueOrThrow({ where: { ref } })).status).toBe("CONVENED");
  });

  it("tasks an action from the pinned card, and the outbox sends the SPOC its card and invitation by DM", async () => {
    const since = harness.api.calls.length;
    await fillIn(
      PEOPLE.coordinator,
      () =>
        harness.slack.interaction(
          buttonPress(
            PEOPLE.coordinator,
            { action_id: "problem.task", value: ref },
            { channel: channelId, ts: cardTs, responseUrl: harness.api.responseUrl() },
          ),
        ),
      {
        text: "Extra evening patrols for two weeks",
        organisation: "North Yorkshire Police",
        due: "next Friday",
      },
    );
    const actions = await harness.app.store.action.findMany();
    expect(actions).toHaveLength(1);
    // The action's card goes into the problem's channel beside the pinned card, not over it; the
    // pinned card is refreshed to list the action.
    const actionCard = harness.api.calls
      .slice(since)
      .find((call) => call.method === "chat.postMessage" && call.args.channel === channelId);
    expect(JSON.stringify(actionCard?.args.blocks)).toContain("Action for North Yorkshire Police");
    const updates = harness.api.calls.slice(since).filter((call) => call.method === "chat.update");
    expect(updates.map((call) => [call.args.channel, call.args.ts])).toEqual([[channelId, cardTs]]);
    expect(JSON.stringify(updates[0]?.args.blocks)).toContain("Extra evening patrols for two weeks");

    const beforeDelivery = harness.api.calls.length;
    const counts = await harness.app.outbox.deliverDue();
    expect(counts.sent).toBeGreaterThan(0);
    const card = await dmCardFor(PEOPLE.policeSpoc, beforeDelivery, /New action for North Yorkshire Police/);
    expect(buttonsIn(card).map((button) => button.action_id)).toEqual(["action.accept", "action.decline"]);
    // The fire SPOC's meeting invitation came with its calendar file, uploaded into the same DM.
    await dmCardFor(PEOPLE.fireSpoc, beforeDelivery, new RegExp(`Meeting on ${ref}`));
    const completed = harness.api.calls
      .slice(beforeDelivery)
      .filter((call) => call.method === "files.completeUploadExternal");
    expect(completed.map((call) => call.args.channel_id)).toContain(`D${PEOPLE.fireSpoc.id.slice(1)}`);
    const uploads = harness.api.calls.slice(beforeDelivery).filter((call) => call.method === "file_upload");
    expect(String(uploads[0]?.args.content)).toContain("BEGIN:VCALENDAR");
  });

  it("lets the SPOC accept from the DM card, which is updated in place", async () => {
    const card = await dmCardFor(PEOPLE.policeSpoc, 0, /New action for North Yorkshire Police/);
    const accept = buttonsIn(card).find((button) => button.action_id === "action.accept") as Button;
    const since = harness.api.calls.length;
    const dm = String(card.args.channel);
    const ts = String(card.result?.ts);
    const response = await harness.slack.interaction(
      buttonPress(PEOPLE.policeSpoc, accept, { channel: dm, ts, responseUrl: harness.api.responseUrl() }),
    );
    expect(response.status).toBe(200);
    await harness.settle();
    const updated = harness.api.calls.slice(since).filter((call) => call.method === "chat.update");
    expect(updated).toHaveLength(1);
    expect(updated[0]?.args).toMatchObject({ channel: dm, ts });
    expect(JSON.stringify(updated[0]?.args.blocks)).toContain("Accepted by Rachel Moorhouse");
    expect(buttonsIn(updated[0]).map((button) => button.action_id)).toEqual(["action.update", "action.done"]);
    expect((await harness.app.store.action.findUniqueOrThrow({ where: { id: accept.value } })).status).toBe(
      "ACCEPTED",
    );
  });

  it("lets another SPOC decline with a reason, shown beside the field when it is blank", async () => {
    await fillIn(
      PEOPLE.coordinator,
      () => harness.slack.slashCommand(PEOPLE.coordinator, `task ${ref}`, harness.api.responseUrl()),
      {
        text: "Fire safety talk at the youth club",
        organisation: "North Yorkshire Fire and Rescue Service",
        due: "in 2 weeks",
      },
    );
    // Tasked with /ldg elsewhere: the pinned card in the problem's channel now lists the action too.
    const pinned = harness.api
      .callsTo("chat.update")
      .filter((call) => call.args.channel === channelId && call.args.ts === cardTs)
      .at(-1);
    expect(JSON.stringify(pinned?.args.blocks)).toContain("Fire safety talk at the youth club");

    const beforeDelivery = harness.api.calls.length;
    await harness.app.outbox.deliverDue();
    const card = await dmCardFor(PEOPLE.fireSpoc, beforeDelivery, /New action for North Yorkshire Fire/);
    const decline = buttonsIn(card).find((button) => button.action_id === "action.decline") as Button;
    const where = {
      channel: String(card.args.channel),
      ts: String(card.result?.ts),
      responseUrl: harness.api.responseUrl(),
    };

    await harness.slack.interaction(buttonPress(PEOPLE.fireSpoc, decline, where));
    await harness.settle();
    const form = harness.lastOpenedView();
    const blank = await harness.slack.interaction(viewSubmission(PEOPLE.fireSpoc, form, { reason: "   " }));
    expect(await blank.json()).toEqual({
      response_action: "errors",
      errors: { reason: expect.stringMatching(/reason/i) },
    });
    expect((await harness.app.store.action.findUniqueOrThrow({ where: { id: decline.value } })).status).toBe(
      "PROPOSED",
    );

    const since = harness.api.calls.length;
    const declined = await harness.slack.interaction(
      viewSubmission(PEOPLE.fireSpoc, form, { reason: "Our youth team is on the moor fires all month" }),
    );
    expect(await declined.text()).toBe("");
    await harness.settle();
    const updated = harness.api.calls.slice(since).find((call) => call.method === "chat.update");
    expect(updated?.args).toMatchObject({ channel: where.channel, ts: where.ts });
    expect(JSON.stringify(updated?.args.blocks)).toContain("Declined");
    expect(await harness.app.store.action.findUniqueOrThrow({ where: { id: decline.value } })).toMatchObject({
      status: "DECLINED",
      declineReason: "Our youth team is on the moor fires all month",
    });
  });

  it("lets the first SPOC mark theirs done from the card it became, in place", async () => {
    const accepted = harness.api
      .callsTo("chat.update")
      .find((call) => JSON.stringify(call.args.blocks).includes("Accepted by Rachel Moorhouse"));
    const done = buttonsIn(accepted).find((button) => button.action_id === "action.done") as Button;
    const where = {
      channel: String(accepted?.args.channel),
      ts: String(accepted?.args.ts),
      responseUrl: harness.api.responseUrl(),
    };
    const since = harness.api.calls.length;
    await fillIn(
      PEOPLE.policeSpoc,
      () => harness.slack.interaction(buttonPress(PEOPLE.policeSpoc, done, where)),
      { outcome: "Two weeks of patrols; no fires since day three" },
    );
    const updated = harness.api.calls.slice(since).find((call) => call.method === "chat.update");
    expect(updated?.args).toMatchObject({ channel: where.channel, ts: where.ts });
    expect(JSON.stringify(updated?.args.blocks)).toContain("Marked done");
    expect((await harness.app.store.action.findUniqueOrThrow({ where: { id: done.value } })).status).toBe(
      "DONE",
    );
  });

  it("lets the coordinator close it with an outcome from the pinned card, which shows it closed", async () => {
    const since = harness.api.calls.length;
    await fillIn(
      PEOPLE.coordinator,
      () =>
        harness.slack.interaction(
          buttonPress(
            PEOPLE.coordinator,
            { action_id: "problem.close", value: ref },
            { channel: channelId, ts: cardTs, responseUrl: harness.api.responseUrl() },
          ),
        ),
      {
        outcome: "Fires stopped after the patrols",
        assessment: "Worked: no deliberate fires in the four weeks after the patrols",
      },
    );
    const updated = harness.api.calls.slice(since).find((call) => call.method === "chat.update");
    expect(updated?.args).toMatchObject({ channel: channelId, ts: cardTs });
    expect(JSON.stringify(updated?.args.blocks)).toContain(`${ref} is closed`);
    expect(await harness.app.store.problem.findUniqueOrThrow({ where: { ref } })).toMatchObject({
      status: "CLOSED",
      outcome: "Fires stopped after the patrols",
    });
    const verbs = (
      await harness.app.store.auditEvent.findMany({
        where: { entityType: { in: ["Problem", "Action"] } },
        orderBy: { at: "asc" },
      })
    ).map((event) => event.verb);
    expect(verbs).toEqual(
      expect.arrayContaining([
        "problem.raised",
        "problem.convened",
        "action.tasked",
        "action.accepted",
        "action.declined",
        "action.done",
        "problem.closed",
      ]),
    );
    expect(verbs.filter((verb) => verb === "problem.raised")).toHaveLength(1);
  });

  it("kept every message, modal and home it sent within Slack's Block Kit limits", () => {
    expect(expectCallsWithinLimits(harness.api.calls)).toBeGreaterThan(20);
  });
});
