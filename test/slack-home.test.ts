// The App Home tab (my actions with RAG, problems I raised, the coordinator's plan at a glance,
// buttons that work from it) and forms asked for in the bot's DM, where Slack gives no trigger to
// open a modal until a button is pressed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../src/services.js";
import { demoActor } from "./support/demo-actor.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import { buttonPress, type SlackUser, TEAM } from "./support/slack-requests.js";

describe("App Home and DMs", () => {
  let harness: SlackHarness;
  let ref: string;
  let actionId: string;
  let events = 0;

  beforeAll(async () => {
    harness = await startSlackHarness();
    const services = createServices(harness.app.store);
    const actorOf = (email: string) => demoActor(services, email);
    const coordinator = await actorOf(PEOPLE.coordinator.email);
    const { problem } = await services.problems.raise(await actorOf(PEOPLE.officer.email), {
      title: "Motorbikes on the canal towpath",
      area: "CRA",
      category: "other",
      harm: 2,
      likelihood: 2,
    });
    ref = problem.ref;
    await services.problems.addPartner(coordinator, ref, "North Yorkshire Police", {
      reason: "roads policing",
    });
    actionId = (
      await services.actions.task(coordinator, ref, {
        text: "Patrol the towpath at weekends",
        organisation: "North Yorkshire Police",
        due: "in 3 weeks",
      })
    ).id;
  });
  afterAll(async () => harness?.close());

  async function openHome(user: SlackUser): Promise<string> {
    const since = harness.api.calls.length;
    const event = {
      type: "app_home_opened",
      user: user.id,
      channel: `D${user.id.slice(1)}`,
      tab: "home",
      event_ts: "1764100000.000001",
    };
    expect((await harness.slack.event(event, `Ev0HOME${++events}`)).status).toBe(200);
    await harness.settle();
    const published = harness.api.calls.slice(since).filter((call) => call.method === "views.publish");
    expect(published).toHaveLength(1);
    expect(published[0]?.args.user_id).toBe(user.id);
    return JSON.stringify(published[0]?.args.view);
  }

  it("shows a SPOC their open actions with RAG and buttons", async () => {
    const home = await openHome(PEOPLE.policeSpoc);
    expect(home).toContain("Your open actions");
    expect(home).toContain("Patrol the towpath at weekends");
    expect(home).toContain("🟢");
    expect(home).toContain('"action_id":"action.accept"');
  });

  it("shows an officer the problems they raised, and a coordinator the area's plan at a glance", async () => {
    const officerHome = await openHome(PEOPLE.officer);
    expect(officerHome).toContain("Open problems you raised");
    expect(officerHome).toContain(ref);
    const coordinatorHome = await openHome(PEOPLE.coordinator);
    expect(coordinatorHome).toContain("Plan at a glance: Craven");
    expect(coordinatorHome).toContain(ref);
    expect(officerHome).not.toContain("Plan at a glance");
  });

  it("explains to someone not in the register how to be added", async () => {
    expect(await openHome(PEOPLE.stranger)).toContain(
      "can't find you in the Local Delivery Group's register",
    );
  });

  it("accepts from the App Home and refreshes it, editing no message", async () => {
    const since = harness.api.calls.length;
    const press = buttonPress(
      PEOPLE.policeSpoc,
      { action_id: "action.accept", value: actionId },
      { channel: "unused", ts: "unused", responseUrl: harness.api.responseUrl() },
    );
    const fromHome = {
      ...press,
      container: { type: "view", view_id: "V0HOME0001" },
      view: { id: "V0HOME0001", type: "home", team_id: TEAM.id, blocks: [], private_metadata: "" },
      channel: undefined,
      message: undefined,
    };
    await harness.slack.interaction(fromHome);
    await harness.settle();
    expect(harness.api.calls.slice(since).map((call) => call.method)).toEqual(["views.publish"]);
    expect((await harness.app.store.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe(
      "ACCEPTED",
    );
    expect(JSON.stringify(harness.api.calls.at(-1)?.args.view)).toContain('"action_id":"action.done"');
  });

  it("offers a form asked for in a DM as a button, which opens it as a modal", async () => {
    const since = harness.api.calls.length;
    await harness.slack.event(
      {
        type: "message",
        channel: "D0HELEN001",
        channel_type: "im",
        user: PEOPLE.coordinator.id,
        text: `close ${ref}`,
        ts: "1764100200.000100",
      },
      "Ev0DMFORM1",
    );
    await harness.settle();
    const offer = harness.api.calls.slice(since).find((call) => call.method === "chat.postMessage");
    expect(offer?.args.channel).toBe("D0HELEN001");
    const button = (
      (offer?.args.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((block) => block.type === "actions")?.elements?.[0];
    expect(button).toEqual(expect.objectContaining({ action_id: "open_form", value: `close ${ref}` }));

    await harness.slack.interaction(
      buttonPress(PEOPLE.coordinator, button as { action_id: string; value: string }, {
        channel: "D0HELEN001",
        ts: String(offer?.result?.ts),
        responseUrl: harness.api.responseUrl(),
      }),
    );
    await harness.settle();
    expect(JSON.stringify(harness.lastOpenedView().title)).toContain(`Close ${ref}`);
  });
});
