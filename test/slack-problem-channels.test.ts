// A convened problem's private Slack channel: named from the reference (the next free suffix when
// the name is taken), members found by email and invited one by one (someone Slack does not know
// keeps nobody else out), the card posted and pinned once, and the same channel on a second convening.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { channelName, SlackProblemChannels } from "../src/slack/problem-channels.js";
import { createBulkClient, createInteractiveClient } from "../src/slack/web-clients.js";
import { PrismaSlackChannels } from "../src/store/slack-channel-repository.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

describe("private problem channels in Slack", () => {
  let workflow: Workflow;
  let api: SlackApiStandIn;
  let channels: SlackProblemChannels;
  const contactIds: Record<string, string> = {};

  beforeAll(async () => {
    workflow = await openWorkflow();
    api = await startSlackApiStandIn();
    const connection = { botToken: "xoxb-0000-test", apiUrl: api.apiUrl };
    const logger = createLogger("silent");
    channels = new SlackProblemChannels({
      quickClient: createInteractiveClient(connection, logger),
      client: createBulkClient(connection, logger),
      channels: new PrismaSlackChannels(workflow.temp.store),
      workflow: workflow.repository,
      link: async () => undefined,
      logger,
    });
    for (const email of [
      "coordinator.craven@ldg.example",
      "joanne.hirst@nyfrs.example",
      "sarah.gill@yas.example",
    ]) {
      const contact = await workflow.repository.findContactByEmail(email);
      if (!contact) throw new Error(`${email} is not in the demo register`);
      contactIds[email] = contact.id;
    }
    api.users.set("U0HELEN001", "coordinator.craven@ldg.example");
    api.users.set("U0JOANNE01", "joanne.hirst@nyfrs.example");
  });
  afterAll(async () => {
    await api?.close();
    await workflow?.temp.dispose();
  });

  it("names channels from the reference within Slack's rules", () => {
    expect(channelName("CRA-2026-0042")).toBe("ldg-cra-2026-0042");
    expect(channelName("CRA-2026-0042", 2)).toBe("ldg-cra-2026-0042-2");
  });

  it("takes the next free name, invites whom Slack knows, and pins the card once across two convenings", async () => {
    const { problem } = await workflow.problems.raise(await workflow.actorFor("sam.holmes@nyfrs.example"), {
      title: "Deliberate fires on the moor",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 2,
    });
    // Someone made a channel with the natural name already.
    await createBulkClient(
      { botToken: "xoxb-0000-test", apiUrl: api.apiUrl },
      createLogger("silent"),
    ).conversations.create({
      name: channelName(problem.ref),
    });

    const first = await channels.open(problem, [
      { contactId: contactIds["coordinator.craven@ldg.example"] as string },
      { contactId: contactIds["sarah.gill@yas.example"] as string }, // not in this Slack workspace
    ]);
    await channels.settled();
    expect(api.callsTo("conversations.create").map((call) => call.args.name)).toEqual([
      channelName(problem.ref),
      channelName(problem.ref),
      channelName(problem.ref, 2),
    ]);
    expect(api.callsTo("conversations.invite").map((call) => call.args.users)).toEqual(["U0HELEN001"]);
    expect(api.callsTo("pins.add")).toHaveLength(1);
    const card = JSON.stringify(api.callsTo("chat.postMessage")[0]?.args.blocks);
    expect(card).toContain(problem.ref);
    expect(card).toContain("OFFICIAL-SENSITIVE");

    const second = await channels.open(problem, [
      { contactId: contactIds["coordinator.craven@ldg.example"] as string },
      { contactId: contactIds["joanne.hirst@nyfrs.example"] as string },
    ]);
    await channels.settled();
    expect(second).toEqual(first);
    expect(api.callsTo("conversations.create")).toHaveLength(3);
    expect(api.callsTo("conversations.invite").map((call) => call.args.users)).toEqual([
      "U0HELEN001",
      "U0HELEN001",
      "U0JOANNE01",
    ]);
    expect(api.callsTo("pins.add")).toHaveLength(1);
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
  });
});
