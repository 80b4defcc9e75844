// A meeting people can make, with its invitees spread over the three channels: the fire SPOC on
// Slack (signed requests through Bolt's real receiver, its Web API pointed at a stand-in), the
// police SPOC and the coordinator in Teams (the connector stand-in, Action.Execute invokes) and
// the ambulance SPOC by email only (a real SMTP server; the signed links exercised over HTTP).
// The poll reaches each on their own channel, their answers make the tally, the coordinator picks
// the time in Teams, and the invitation reaches all three; then attendance and the notes' actions.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import { expectCallsWithinLimits } from "./support/block-kit-limits.js";
import {
  type ConnectorStandIn,
  cardAction,
  replyText,
  startConnectorStandIn,
  teamsMessage,
} from "./support/connector-stand-in.js";
import { freePort } from "./support/free-port.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./support/slack-api-stand-in.js";
import { buttonPress, SIGNING_SECRET, SlackSender } from "./support/slack-requests.js";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "./support/smtp-sink.js";

const OFFICER = "sam.holmes@nyfrs.example";
const FIRE_SPOC = { email: "joanne.hirst@nyfrs.example", id: "U0JOANNE01" };
const POLICE_SPOC = {
  email: "rachel.moorhouse@nypolice.example",
  teams: { id: "29:rachel", aadObjectId: "aad-rachel" },
  chat: { id: "a:rachel-chat", conversationType: "personal" as const },
};
const COORDINATOR = {
  email: "coordinator.craven@ldg.example",
  teams: { id: "29:helen", aadObjectId: "aad-helen" },
  chat: { id: "a:helen-chat", conversationType: "personal" as const },
};
const AMBULANCE_SPOC = "sarah.gill@yas.example";
const POLICE = "North Yorkshire Police";
const FIRE = "North Yorkshire Fire and Rescue Service";
const AMBULANCE = "Yorkshire Ambulance Service";
const DAY_MS = 24 * 60 * 60 * 1000;

/** "2026-12-07 10:00": a day `days` ahead of today, as a coordinator may type it. */
function dayAhead(days: number, time: string): string {
  return `${new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)} ${time}`;
}

/** An email poll's links by candidate time (1, 2, 3...) and label, from its plain-text part. */
function pollLinks(mail: ReceivedMail): Map<string, string> {
  const links = new Map<string, string>();
  let slot = "";
  for (const line of (mail.parsed.text ?? "").split("\n")) {
    const numbered = /^(\d)\. /.exec(line);
    if (numbered) slot = numbered[1] as string;
    const link = /^(I can make it|I can't): (https?:\/\/\S+)$/.exec(line);
    if (link && slot) links.set(`${slot} ${link[1]}`, link[2] as string);
  }
  return links;
}

describe("a meeting poll across Slack, Teams and email", () => {
  let folder: string;
  let app: RunningApp;
  let slackApi: SlackApiStandIn;
  let connector: ConnectorStandIn;
  let sink: SmtpSink;
  let slack: SlackSender;

  const postToTeams = (activity: unknown) =>
    fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(activity),
    });
  const inTeams = (chat: string) =>
    connector.replies.filter((reply) => (reply.conversation as { id?: string } | undefined)?.id === chat);

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-poll-"));
    [slackApi, connector, sink] = await Promise.all([
      startSlackApiStandIn(),
      startConnectorStandIn(),
      startSmtpSink(),
    ]);
    slackApi.users.set(FIRE_SPOC.id, FIRE_SPOC.email);
    for (const person of [POLICE_SPOC, COORDINATOR]) {
      connector.members.set(person.teams.id, { ...person.teams, name: person.email, email: person.email });
    }
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: `file:${path.join(folder, "ldg.db")}`,
      SLACK_BOT_TOKEN: "xoxb-0000-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(sink.port),
      SMTP_TLS: "none",
      SMTP_FROM: "ldg-bot <ldg-bot@ldg.example>",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LINK_SECRET: "poll-scenario-secret-0123456789abcdef012345",
      PLAYGROUND: "off",
      SCHEDULES: "off",
    });
    // As in email-scenario.test.ts: Slack and email as in production, local mode for Teams beside them.
    app = await startApp({ ...config, port, localMode: true }, createLogger("silent"));
    await app.outbox.stop();
    await loadDemoRegisterIfEmpty(app.store);
    await app.store.contact.update({
      where: { email: FIRE_SPOC.email },
      data: { slackUserId: FIRE_SPOC.id, preferredPlatform: "SLACK" },
    });
    for (const person of [POLICE_SPOC, COORDINATOR]) {
      const hello = await postToTeams(teamsMessage(connector.serviceUrl, "hello", person.teams, person.chat));
      expect(hello.status).toBeLessThan(300);
    }
    slack = new SlackSender(`${app.url}/slack/events`);
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([slackApi?.close(), connector?.close(), sink?.close()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it("polls everyone on their own channel, tallies, and sends the picked time's invitation to all three", async () => {
    const services = createServices(app.store);
    const actorOf = async (email: string) => {
      const contact = await services.register.findByEmail(email);
      return actorFromContact(contact as NonNullable<typeof contact>);
    };
    const coordinator = await actorOf(COORDINATOR.email);
    const { problem } = await services.problems.raise(await actorOf(OFFICER), {
      title: "Deliberate fires in the bin store",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      description: "Seen by Mrs Parkin at number 12.",
    });
    const ref = problem.ref;

    // The coordinator's convene form, with three times to choose from.
    const opened = await services.interactions.command(coordinator, `convene ${ref}`);
    if (opened.kind !== "form") throw new Error("convene opened no form");
    const times = [dayAhead(10, "10:00"), dayAhead(11, "14:00"), dayAhead(12, "09:30")];
    const convened = await services.interactions.submit(coordinator, "convene", opened.form.context, {
      partners: [POLICE, FIRE, AMBULANCE],
      candidates: times.join("\n"),
      durationMinutes: "60",
      kind: "PROBLEM_SOLVING_PANEL",
    });
    expect(convened.kind).toBe("update");
    const meeting = await app.store.meeting.findFirstOrThrow({
      include: { slots: { orderBy: { position: "asc" } } },
    });
    const [first, second, third] = meeting.slots.map((slot) => slot.id) as [string, string, string];
    await app.outbox.deliverDue();

    // Slack: the fire SPOC's poll in a DM, a pair of buttons for each time; she presses "I can make it" on the second.
    const slackPoll = slackApi
      .callsTo("chat.postMessage")
      .find((call) => JSON.stringify(call.args).includes(`When can you meet about ${ref}`));
    if (!slackPoll) throw new Error("the Slack SPOC got no poll");
    expect(slackPoll.args.channel).toBe(`D${FIRE_SPOC.id.slice(1)}`);
    const slackButtons = (
      slackPoll.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .filter((block) => block.type === "actions")
      .map((block) => block.elements?.map((element) => `${element.action_id} ${element.value}`));
    expect(slackButtons).toEqual([
      [`meeting.can ${first}`, `meeting.cannot ${first}`],
      [`meeting.can ${second}`, `meeting.cannot ${second}`],
      [`meeting.can ${third}`, `meeting.cannot ${third}`],
    ]);
    const pressed = await slack.interaction(
      buttonPress(
        FIRE_SPOC,
        { action_id: "meeting.can", value: second },
        {
          channel: slackPoll.args.channel as string,
          ts: slackPoll.result?.ts as string,
          responseUrl: slackApi.responseUrl(),
        },
      ),
    );
    expect(pressed.status).toBe(200);
    await app.slack?.settled();
    const slackUpdate = slackApi.callsTo("chat.update").at(-1);
    expect(slackUpdate?.args.ts).toBe(slackPoll.result?.ts);
    expect(JSON.stringify(slackUpdate?.args.blocks)).toContain("Noted: you can make");
    // A forged signature is refused and records nothing.
    const forged = await slack.interaction(
      buttonPress(
        FIRE_SPOC,
        { action_id: "meeting.can", value: first },
        { channel: slackPoll.args.channel as string, ts: "1.2", responseUrl: slackApi.responseUrl() },
      ),
      { secret: "not-the-signing-secret" },
    );
    expect(forged.status).toBe(401);

    // Teams: the police SPOC's poll card in her personal chat; she can make the first and second.
    const teamsPoll = inTeams(POLICE_SPOC.chat.id).find((reply) =>
      replyText(reply).includes(`When can you meet about ${ref}`),
    );
    if (!teamsPoll) throw new Error("the Teams SPOC got no poll");
    expect(JSON.stringify(teamsPoll)).toContain(`"verb":"meeting.can"`);
    expect(JSON.stringify(teamsPoll)).toContain(third);
    for (const slotId of [first, second]) {
      const answer = await postToTeams(
        cardAction(
          connector.serviceUrl,
          { verb: "meeting.can", data: { target: slotId } },
          POLICE_SPOC.teams,
          POLICE_SPOC.chat,
        ),
      );
      expect(answer.status).toBe(200);
      const card = JSON.stringify(await answer.json());
      expect(card).toContain("Noted: you can make");
    }

    // Email: the ambulance SPOC's poll, with a pair of signed links for each time.
    const mail = sink.mailTo(AMBULANCE_SPOC).at(-1);
    if (!mail) throw new Error("the email SPOC got no poll");
    expect(mail.parsed.subject).toBe(`OFFICIAL-SENSITIVE: When can you meet about ${ref}?`);
    expect(mail.parsed.text).not.toContain("Mrs Parkin");
    const links = pollLinks(mail);
    expect([...links.keys()]).toEqual([
      "1 I can make it",
      "1 I can't",
      "2 I can make it",
      "2 I can't",
      "3 I can make it",
      "3 I can't",
    ]);
    const cannotSecond = links.get("2 I can't") as string;
    // Opening a link only asks: mail scanners open links.
    const asked = await fetch(cannotSecond);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("You can&#39;t make");
    const ambulanceId = (await actorOf(AMBULANCE_SPOC)).contactId as string;
    const ambulanceAnswers = () => app.store.meetingSlotAnswer.count({ where: { contactId: ambulanceId } });
    expect(await ambulanceAnswers()).toBe(0);
    // A link altered by one character is refused.
    const signatureAt = cannotSecond.lastIndexOf(".") + 1;
    const swapped = cannotSecond[signatureAt] === "A" ? "B" : "A";
    const tampered = `${cannotSecond.slice(0, signatureAt)}${swapped}${cannotSecond.slice(signatureAt + 1)}`;
    expect((await fetch(tampered, { method: "POST" })).status).toBe(400);
    const answered = await fetch(cannotSecond, { method: "POST" });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain("Noted: you can&#39;t make");
    expect((await fetch(cannotSecond, { method: "POST" })).status).toBe(410);
    expect(await ambulanceAnswers()).toBe(1);
    const canFirst = await fetch(links.get("1 I can make it") as string, { method: "POST" });
    expect(canFirst.status).toBe(200);

    // The last answer brought the coordinator, in Teams, the time to propose and a button to pick it.
    await app.outbox.deliverDue();
    const pushed = inTeams(COORDINATOR.chat.id).find((reply) =>
      replyText(reply).includes(`Everyone has answered the poll for ${ref}`),
    );
    if (!pushed) throw new Error("the coordinator was not told the poll was answered");
    expect(replyText(pushed)).toContain(`Nobody can come then for ${AMBULANCE}.`);
    expect(JSON.stringify(pushed)).toContain(`"verb":"meeting.pick"`);
    expect(JSON.stringify(pushed)).toContain(second);

    // The coordinator's tally in Teams, asked for after one more answer.
    const tallyAsked = await postToTeams(
      teamsMessage(connector.serviceUrl, `meeting ${ref}`, COORDINATOR.teams, COORDINATOR.chat),
    );
    expect(tallyAsked.status).toBeLessThan(300);
    const tally = inTeams(COORDINATOR.chat.id)
      .map(replyText)
      .find((text) => text.includes("Choosing a time"));
    expect(tally).toContain("2 can make it, 0 can't, 1 not answered");
    expect(tally).toContain("2 can make it, 1 can't, 0 not answered");
    expect(tally).toContain("0 can make it, 0 can't, 3 not answered");
    expect(tally).toContain(`Nobody can come for ${AMBULANCE}`);
    // Two times have two each: the earlier one is proposed, and nobody is missing then.
    expect(tally).toMatch(
      /Proposed: [^,]+, \d+ \w+ \d{4} at 10:00, the time most can make\. 3 of 3 people invited have answered\./,
    );

    // She picks the second time from the card she was sent.
    const pick = await postToTeams(
      cardAction(
        connector.serviceUrl,
        { verb: "meeting.pick", data: { target: second } },
        COORDINATOR.teams,
        COORDINATOR.chat,
      ),
    );
    expect(pick.status).toBe(200);
    expect(JSON.stringify(await pick.json())).toContain(
      "The invitation, with its calendar file, is going to 3 people.",
    );

    // The poll no longer pretends to be open: a late answer by email is told the time.
    const late = await fetch(links.get("3 I can make it") as string, { method: "POST" });
    expect(await late.text()).toContain("The time was set to");
    expect(await app.store.meetingSlotAnswer.count({ where: { slotId: third } })).toBe(0);
    expect(await ambulanceAnswers()).toBe(2);

    // The invitation reaches all three, each on their own channel.
    await app.outbox.deliverDue();
    const slackInvitation = slackApi
      .callsTo("chat.postMessage")
      .find((call) => JSON.stringify(call.args).includes(`Meeting on ${ref}`));
    expect(slackInvitation?.args.channel).toBe(`D${FIRE_SPOC.id.slice(1)}`);
    const uploaded = slackApi.callsTo("file_upload").map((call) => String(call.args.content));
    expect(
      uploaded.some((content) => content.includes("BEGIN:VCALENDAR") && content.includes("METHOD:REQUEST")),
    ).toBe(true);
    const pickedStart = (await app.store.meeting.findFirstOrThrow()).startsAt;
    const slots = await app.store.meetingSlot.findMany({ where: { id: second } });
    expect(pickedStart.getTime()).toBe(slots[0]?.startsAt.getTime());
    const teamsInvitation = inTeams(POLICE_SPOC.chat.id).find((reply) =>
      replyText(reply).includes(`Meeting on ${ref}`),
    );
    if (!teamsInvitation) throw new Error("the Teams SPOC got no invitation");
    const invitationMail = sink
      .mailTo(AMBULANCE_SPOC)
      .find((received) => received.parsed.subject?.includes("Meeting on"));
    const ics = invitationMail?.parsed.attachments.find(
      (attachment) => attachment.filename === "invitation.ics",
    );
    const stamp = pickedStart
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    expect(ics?.content.toString("utf8")).toContain(`DTSTART:${stamp}`);

    // A Teams bot message cannot carry the file: the card links to it, served by the bot.
    const openUrls = JSON.stringify(teamsInvitation).match(/\{"type":"Action\.OpenUrl"[^}]*\}/g) ?? [];
    expect(openUrls).toHaveLength(1);
    const addToCalendar = JSON.parse(openUrls[0] as string) as { title: string; url: string };
    expect(addToCalendar.title).toBe("Add to calendar");
    // Its address is the bot's, with a random id and nothing about the meeting or anyone in it.
    expect(addToCalendar.url).toMatch(new RegExp(`^${app.url}/calendar/[0-9a-f]{32}\\.ics$`));
    const download = await fetch(addToCalendar.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="invitation.ics"');
    const served = await download.text();
    expect(served).toContain(`DTSTART:${stamp}`);
    expect(served).toBe(ics?.content.toString("utf8"));
    // The stand-in keeps the upload's whole multipart body: the file is within it.
    expect(uploaded.some((content) => content.includes(served))).toBe(true);
    // Slack and email deliver the file itself, with no second way to it.
    expect(JSON.stringify(slackInvitation?.args)).not.toContain("Add to calendar");
    expect(invitationMail?.parsed.text).not.toContain("Add to calendar");

    // After the meeting: attendance by organisation, then the notes' actions, each to its SPOC's channel.
    const later = createServices(app.store, { now: () => new Date(pickedStart.getTime() + 90 * 60_000) });
    const attendance = await later.interactions.command(coordinator, `attendance ${ref}`);
    if (attendance.kind !== "form") throw new Error("attendance opened no form");
    const fire = await actorOf(FIRE_SPOC.email);
    const police = await actorOf(POLICE_SPOC.email);
    const recorded = await later.interactions.submit(coordinator, "attendance", attendance.form.context, {
      attended: [fire.contactId as string, police.contactId as string],
    });
    const recordedText = JSON.stringify(recorded);
    expect(recordedText).toContain(`${AMBULANCE}: 0 of 1 attended`);
    expect(recordedText).toContain(`${POLICE}: 1 of 1 attended`);

    const notes = await later.interactions.command(coordinator, `notes ${ref}`);
    if (notes.kind !== "form") throw new Error("notes opened no form");
    const saved = await later.interactions.submit(coordinator, "notes", notes.form.context, {
      notes: [
        "Fires continue; the bin store door does not lock.",
        "ACTION fire: fit a fire-proof bin store door by in 2 weeks",
        "ACTION police: patrol the bin store after dark by in 3 weeks",
        "ACTION ambulance: share call-outs to the flats by in 2 weeks",
      ].join("\n"),
    });
    expect(JSON.stringify(saved)).toContain("3 actions added");
    await app.outbox.deliverDue();
    expect(
      slackApi
        .callsTo("chat.postMessage")
        .some((call) => JSON.stringify(call.args).includes("fit a fire-proof bin store door")),
    ).toBe(true);
    expect(
      inTeams(POLICE_SPOC.chat.id)
        .map(replyText)
        .some((text) => text.includes("patrol the bin store after dark")),
    ).toBe(true);
    expect(
      sink.mailTo(AMBULANCE_SPOC).some((received) => received.parsed.text?.includes("share call-outs")),
    ).toBe(true);
    expect(expectCallsWithinLimits(slackApi.calls)).toBeGreaterThan(2);
  });
});
