// A SPOC answers their register check in Slack: the question reaches their DM with Confirm,
// Update details and Hand over; Confirm records the check; Hand over opens a modal that refuses a
// successor email that is not an email beside its field, writing nothing, and then names the
// successor. Through Bolt's real receiver with signed requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../src/services.js";
import type { SlackCall } from "./support/slack-api-stand-in.js";
import { PEOPLE, type SlackHarness, startSlackHarness } from "./support/slack-harness.js";
import { buttonPress, type SlackUser, viewSubmission } from "./support/slack-requests.js";

type Button = { action_id: string; value: string };
const ASKED_AT = new Date("2026-12-15T09:00:00Z");
const CHECKED_LONG_AGO = new Date("2026-05-15T09:00:00Z");

describe("a register check answered in Slack", () => {
  let harness: SlackHarness;

  beforeAll(async () => {
    harness = await startSlackHarness();
    const { store } = harness.app;
    // Everyone was checked recently but the police and council SPOCs, checked seven months ago.
    await store.contact.updateMany({ data: { verifiedAt: new Date("2026-12-01T09:00:00Z") } });
    await store.contact.updateMany({
      where: { email: { in: [PEOPLE.policeSpoc.email, PEOPLE.councilSpoc.email] } },
      data: { verifiedAt: CHECKED_LONG_AGO },
    });
    const services = createServices(store, { now: () => ASKED_AT });
    expect(await services.registerChecks.run("slack-test", ASKED_AT)).toMatchObject({ asked: 2 });
  });
  afterAll(async () => harness?.close());

  /** The question in the person's DM, its buttons, and where to answer it. */
  async function questionFor(person: SlackUser) {
    const card = harness.api.calls.find(
      (call: SlackCall) =>
        call.method === "chat.postMessage" && call.args.channel === `D${person.id.slice(1)}`,
    );
    if (!card) throw new Error(`nothing was sent to ${person.email}`);
    const buttons = ((card.args.blocks ?? []) as { type: string; elements?: Button[] }[])
      .filter((block) => block.type === "actions")
      .flatMap((block) => block.elements ?? []);
    const where = {
      channel: String(card.args.channel),
      ts: String(card.result?.ts),
      responseUrl: harness.api.responseUrl(),
    };
    return { card, buttons, where };
  }

  const checkOf = async (email: string) =>
    harness.app.store.registerCheck.findFirstOrThrow({ where: { contactId: (await contactOf(email)).id } });
  const contactOf = (email: string) => harness.app.store.contact.findUniqueOrThrow({ where: { email } });

  it("sends the question to the SPOC's DM and records their Confirm", async () => {
    await harness.app.outbox.deliverDue();
    const { card, buttons, where } = await questionFor(PEOPLE.policeSpoc);
    expect(JSON.stringify(card.args)).toContain(
      "Are you still the contact for North Yorkshire Police in Craven?",
    );
    expect(buttons.map((button) => button.action_id)).toEqual([
      "register.confirm",
      "register.update",
      "register.handover",
    ]);

    const since = harness.api.calls.length;
    const confirm = buttons.find((button) => button.action_id === "register.confirm") as Button;
    const response = await harness.slack.interaction(buttonPress(PEOPLE.policeSpoc, confirm, where));
    expect(response.status).toBe(200);
    await harness.settle();
    expect(await checkOf(PEOPLE.policeSpoc.email)).toMatchObject({ state: "CONFIRMED" });
    const verifiedAt = (await contactOf(PEOPLE.policeSpoc.email)).verifiedAt as Date;
    expect(verifiedAt.getTime()).toBeGreaterThan(CHECKED_LONG_AGO.getTime());
    expect(harness.saidSince(since)).toContain("Thank you: the register lists you as the contact");
  });

  it("refuses a successor email that is not an email beside the field, then hands over", async () => {
    const { buttons, where } = await questionFor(PEOPLE.councilSpoc);
    const handOver = buttons.find((button) => button.action_id === "register.handover") as Button;
    await harness.slack.interaction(buttonPress(PEOPLE.councilSpoc, handOver, where));
    await harness.settle();
    const form = harness.lastOpenedView();
    const contacts = await harness.app.store.contact.count();

    const wrong = await harness.slack.interaction(
      viewSubmission(PEOPLE.councilSpoc, form, {
        successorName: "Priya Shah",
        successorEmail: "priya at council",
      }),
    );
    expect(await wrong.json()).toMatchObject({
      response_action: "errors",
      errors: { successorEmail: "is not a valid email address" },
    });
    expect(await harness.app.store.contact.count()).toBe(contacts);
    expect(await checkOf(PEOPLE.councilSpoc.email)).toMatchObject({ state: "ASKED" });

    const named = await harness.slack.interaction(
      viewSubmission(PEOPLE.councilSpoc, form, {
        successorName: "Priya Shah",
        successorEmail: "priya.shah@northyorks.example",
      }),
    );
    expect(await named.text()).toBe("");
    await harness.settle();
    const successor = await contactOf("priya.shah@northyorks.example");
    expect(await checkOf(PEOPLE.councilSpoc.email)).toMatchObject({
      state: "HANDOVER",
      successorId: successor.id,
    });
    expect(
      await harness.app.store.outboxMessage.count({
        where: { kind: "register.handover", recipientId: successor.id },
      }),
    ).toBe(1);
  });
});
