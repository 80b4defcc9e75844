// Bad input from Slack: blank and oversized fields, a due date in the past, a button pressed by
// someone with no right to it or by someone not in the register, a form submitted twice. Each gets
// a clear message in Slack (beside the field where there is one) and leaves the data as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../src/services.js";
import { demoActor } from "./support/demo-actor.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import {
  buttonPress,
  globalShortcut,
  type OpenedView,
  type SlackUser,
  viewSubmission,
} from "./support/slack-requests.js";

describe("bad input from Slack", () => {
  let harness: SlackHarness;
  let ref: string;
  let policeActionId: string;

  beforeAll(async () => {
    harness = await startSlackHarness();
    const services = createServices(harness.app.store);
    const actorOf = (email: string) => demoActor(services, email);
    const coordinator = await actorOf(PEOPLE.coordinator.email);
    const { problem } = await services.problems.raise(await actorOf(PEOPLE.officer.email), {
      title: "Cars racing on the bypass",
      area: "CRA",
      category: "road safety",
      harm: 2,
      likelihood: 3,
      victimOrTarget: "Resident at 4 Mill Lane",
    });
    ref = problem.ref;
    await services.problems.addPartner(coordinator, ref, "North Yorkshire Police", {
      reason: "roads policing",
    });
    const action = await services.actions.task(coordinator, ref, {
      text: "Speed checks at dusk",
      organisation: "North Yorkshire Police",
      due: "in 2 weeks",
    });
    policeActionId = action.id;
  });
  afterAll(async () => harness?.close());

  async function openForm(open: () => Promise<Response>): Promise<OpenedView> {
    const opened = harness.api.callsTo("views.open").length;
    expect((await open()).status).toBe(200);
    await harness.settle();
    expect(harness.api.callsTo("views.open").length).toBe(opened + 1);
    return harness.lastOpenedView();
  }

  async function submit(
    user: SlackUser,
    view: OpenedView,
    values: Record<string, string | string[] | boolean>,
  ) {
    const response = await harness.slack.interaction(viewSubmission(user, view, values));
    expect(response.status).toBe(200);
    const text = await response.text();
    await harness.settle();
    return text === "" ? {} : JSON.parse(text);
  }

  it("keeps a raise form with a blank or oversized title open, the reason beside the title", async () => {
    const view = await openForm(() =>
      harness.slack.interaction(globalShortcut(PEOPLE.officer, "raise_problem")),
    );
    const area = view.blocks.find((block) => block.block_id === "area")?.element?.initial_option as {
      value: string;
    };
    expect(area.value).toBe("CRA");
    const problems = await harness.app.store.problem.count();
    const values = { category: "ROAD_SAFETY", harm: "2", likelihood: "2" };

    const blank = await submit(PEOPLE.officer, view, { ...values, title: "   " });
    expect(blank).toEqual({ response_action: "errors", errors: { title: expect.any(String) } });
    const oversized = await submit(PEOPLE.officer, view, { ...values, title: "x".repeat(500) });
    expect(oversized).toEqual({ response_action: "errors", errors: { title: expect.stringMatching(/120/) } });
    expect(await harness.app.store.problem.count()).toBe(problems);
  });

  it("refuses a due date in the past beside the due field, and adds no action", async () => {
    const view = await openForm(() =>
      harness.slack.slashCommand(PEOPLE.coordinator, `task ${ref}`, harness.api.responseUrl()),
    );
    const actions = await harness.app.store.action.count();
    const answer = await submit(PEOPLE.coordinator, view, {
      text: "Average speed cameras",
      organisation: "North Yorkshire Police",
      due: "01/01/2020",
    });
    expect(answer).toEqual({
      response_action: "errors",
      errors: { due: expect.stringContaining("01/01/2020 is in the past") },
    });
    expect(await harness.app.store.action.count()).toBe(actions);
  });

  it("adds one action when the same task form is submitted twice", async () => {
    const view = await openForm(() =>
      harness.slack.slashCommand(PEOPLE.coordinator, `task ${ref}`, harness.api.responseUrl()),
    );
    const actions = await harness.app.store.action.count();
    const values = {
      text: "Letters to the car club",
      organisation: "North Yorkshire Police",
      due: "in 3 weeks",
    };
    expect(await submit(PEOPLE.coordinator, view, values)).toEqual({});
    expect(await submit(PEOPLE.coordinator, view, values)).toEqual({});
    expect(await harness.app.store.action.count()).toBe(actions + 1);
  });

  it("tells a SPOC pressing another organisation's Accept that it is not theirs, and leaves it proposed", async () => {
    const since = harness.api.calls.length;
    await harness.slack.interaction(
      buttonPress(
        PEOPLE.fireSpoc,
        { action_id: "action.accept", value: policeActionId },
        { channel: "G0PROBLEM1", ts: "1764100000.000900", responseUrl: harness.api.responseUrl() },
      ),
    );
    await harness.settle();
    const said = harness.saidSince(since);
    expect(said).toContain("belongs to North Yorkshire Police");
    expect(harness.api.calls.slice(since).filter((call) => call.method === "chat.update")).toEqual([]);
    expect((await harness.app.store.action.findUniqueOrThrow({ where: { id: policeActionId } })).status).toBe(
      "PROPOSED",
    );
  });

  it("shows personal details only to those allowed, in a modal, and refuses the rest", async () => {
    const where = { channel: "G0PROBLEM1", ts: "1764100000.000901", responseUrl: harness.api.responseUrl() };
    const details = { action_id: "problem.details", value: ref };

    const since = harness.api.calls.length;
    await harness.slack.interaction(buttonPress(PEOPLE.coordinator, details, where));
    await harness.settle();
    const shown = harness.api.calls.slice(since).filter((call) => call.method === "views.open");
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown[0]?.args.view)).toContain("Resident at 4 Mill Lane");
    // Only ever a modal for the one who asked: nothing posted or edited in the channel.
    expect(harness.api.calls.slice(since).map((call) => call.method)).toEqual(["views.open"]);

    const refusedSince = harness.api.calls.length;
    await harness.slack.interaction(buttonPress(PEOPLE.fireSpoc, details, where));
    await harness.slack.interaction(
      buttonPress(PEOPLE.officer, { action_id: "problem.close", value: ref }, where),
    );
    await harness.settle();
    const refused = harness.saidSince(refusedSince);
    expect(refused).not.toContain("Mill Lane");
    expect(refused).toContain(`You are not part of ${ref}`);
    expect(refused).toContain("Only Craven's coordinator can close a problem");
    expect(harness.api.calls.slice(refusedSince).map((call) => call.method)).toEqual([
      "views.open",
      "views.open",
    ]);
    expect((await harness.app.store.problem.findUniqueOrThrow({ where: { ref } })).status).not.toBe("CLOSED");
  });

  it("tells someone not in the register pressing a button how to be added", async () => {
    const since = harness.api.calls.length;
    await harness.slack.interaction(
      buttonPress(
        PEOPLE.stranger,
        { action_id: "action.accept", value: policeActionId },
        { channel: "D0STRANGE1", ts: "1764100000.000902", responseUrl: harness.api.responseUrl() },
      ),
    );
    await harness.settle();
    expect(harness.saidSince(since)).toContain("Ask your area's LDG coordinator to add you");
    expect((await harness.app.store.action.findUniqueOrThrow({ where: { id: policeActionId } })).status).toBe(
      "PROPOSED",
    );
  });

  it("answers a form whose hidden metadata was tampered with by asking to start again", async () => {
    const view = await openForm(() =>
      harness.slack.slashCommand(PEOPLE.coordinator, `close ${ref}`, harness.api.responseUrl()),
    );
    const answer = await submit(
      PEOPLE.coordinator,
      { ...view, private_metadata: '{"form":"drop tables"}' },
      {
        outcome: "x",
        assessment: "y",
      },
    );
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view)).toContain("Please start again");
    expect((await harness.app.store.problem.findUniqueOrThrow({ where: { ref } })).status).not.toBe("CLOSED");
  });
});
