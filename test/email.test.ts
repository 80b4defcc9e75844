// Email as a channel, through real parts: the outbox sends through nodemailer to a real SMTP server
// (smtp-server) on loopback, each message is parsed back with mailparser, and its signed links are
// used over real HTTP against the bot's own server and handler, on a controllable clock.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, actorFromContact } from "../src/core/actor.js";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import type { OutboxSender } from "../src/outbox/sender.js";
import { type AppServices, createServices } from "../src/services.js";
import { type EmailHarness, startEmailHarness } from "./support/email-harness.js";
import { linksIn, type SmtpSink } from "./support/smtp-sink.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const COORDINATOR = "coordinator.craven@ldg.example";
/** Yorkshire Ambulance Service's SPOC for Craven, who prefers email and uses neither chat platform. */
const EMAIL_SPOC = "sarah.gill@yas.example";
const AMBULANCE = "Yorkshire Ambulance Service";
const DAY_MS = 24 * 60 * 60 * 1000;

describe("email as a channel", () => {
  let temp: TempStore;
  let sink: SmtpSink;
  let services: AppServices;
  let sender: OutboxSender;
  let coordinator: Actor;
  let email: EmailHarness;
  // Ahead of the wall clock, so the outbox rows the database stamps with its own now() are due.
  const clock = { now: new Date(Date.now() + 60 * 60_000) };
  let ref: string;

  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    services = createServices(temp.store, { now: () => clock.now });
    email = await startEmailHarness(temp, services, () => clock.now);
    ({ sink, sender } = email);
    const contact = await services.register.findByEmail(COORDINATOR);
    coordinator = actorFromContact(contact as NonNullable<typeof contact>);
    const { problem } = await services.problems.raise(coordinator, {
      title: 'Bins <b>set alight</b> & "tagged"',
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      description: "Mrs Enid Lowther of 14 Mill Lane is frightened to go out.",
      locationText: "14 Mill Lane, Skipton BD23 1AB",
    });
    ref = problem.ref;
  });

  afterAll(async () => {
    await email?.close();
    await temp?.dispose();
  });

  async function taskAmbulance(text: string) {
    const action = await services.actions.task(coordinator, ref, {
      text,
      organisation: AMBULANCE,
      assigneeEmail: EMAIL_SPOC,
      due: "in 2 weeks",
    });
    await sender.deliverDue();
    const mail = sink.mailTo(EMAIL_SPOC).at(-1);
    if (!mail) throw new Error("no email reached the SPOC");
    return { action, mail, links: linksIn(mail) };
  }

  async function statusOf(actionId: string) {
    const { action } = await services.actions.get(coordinator, actionId);
    return action.status;
  }

  const get = (url: string) => fetch(url, { redirect: "manual" });
  const post = (url: string, form: Record<string, string> = {}) =>
    fetch(url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });

  it("sends the action with the classification first in the subject, escaped, with no personal details", async () => {
    const { mail, links } = await taskAmbulance("Check the ambulance response times");
    const { parsed } = mail;
    expect(parsed.subject).toBe(`OFFICIAL-SENSITIVE: New action for ${AMBULANCE} on ${ref}`);
    expect(parsed.from?.text).toContain("ldg-bot@ldg.example");
    // The outbox message's id, so that a copy sent again after a crash is the same email to a mail store.
    const sent = await temp.store.outboxMessage.findFirstOrThrow({
      where: { kind: "action.assigned", recipient: { email: EMAIL_SPOC } },
      orderBy: { createdAt: "desc" },
    });
    expect(parsed.messageId).toBe(`<${sent.id}@ldg.example>`);
    for (const part of [parsed.text ?? "", parsed.html || ""]) {
      expect(part).toContain(ref);
      expect(part).toContain("Check the ambulance response times");
      expect(part).toContain("RED");
      expect(part).not.toMatch(/Lowther|Mill Lane|BD23 1AB|frightened/);
    }
    // The title's markup is shown as typed, never run.
    expect(parsed.html).toContain("Bins &lt;b&gt;set alight&lt;/b&gt; &amp; &quot;tagged&quot;");
    expect(parsed.html).not.toContain("<b>set alight</b>");
    expect(parsed.text).toContain('Bins <b>set alight</b> & "tagged"');
    expect([...links.keys()]).toEqual(["Accept", "Decline"]);
    for (const url of links.values()) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/email\/act\/[\w-]{22}\.[\w-]{43}$/);
      expect(parsed.html).toContain(`href="${url}"`);
    }
  });

  it("shows an accept link without changing anything, accepts it once on POST, and refuses it reused", async () => {
    const { action, links } = await taskAmbulance("Share call-out data for the lane");
    const accept = links.get("Accept") as string;

    // A mail scanner fetching the link first changes nothing.
    const shown = await get(accept);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await shown.text();
    expect(page).toContain("Accept this action?");
    expect(page).toContain("Share call-out data for the lane");
    expect(page).toContain("OFFICIAL-SENSITIVE");
    expect(page).not.toMatch(/Lowther|Mill Lane/);
    expect(await get(accept).then((response) => response.status)).toBe(200);
    expect(await statusOf(action.id)).toBe("PROPOSED");

    const accepted = await post(accept);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain("Accepted by Sarah Gill.");
    expect(await statusOf(action.id)).toBe("ACCEPTED");
    const audit = await temp.store.auditEvent.findMany({
      where: { verb: "action.accepted", entityId: action.id },
    });
    expect(audit.map((event) => event.actorLabel)).toEqual([`Sarah Gill <${EMAIL_SPOC}>`]);

    for (const reuse of [() => post(accept), () => get(accept)]) {
      const response = await reuse();
      expect(response.status).toBe(410);
      expect(await response.text()).toContain("This link has already been used");
    }
  });

  it("offers the next steps on the page after accepting, so an email-only SPOC can mark the action done", async () => {
    const { action, links } = await taskAmbulance("Audit the response to the lane");
    const page = await (await post(links.get("Accept") as string)).text();
    const done = /<a class="button" href="([^"]+)">Done<\/a>/.exec(page)?.[1];
    expect(page).toMatch(/<a class="button" href="[^"]+">Add update<\/a>/);
    if (!done) throw new Error("no Done link on the page after accepting");
    const url = done.replaceAll("&amp;", "&");
    expect(await (await get(url)).text()).toContain("Mark an action done");
    const finished = await post(url, { outcome: "Response times shared with the panel" });
    expect(finished.status).toBe(200);
    expect(await finished.text()).toContain("Marked done. Thank you.");
    expect(await statusOf(action.id)).toBe("DONE");
  });

  it("declines through a reason form validated like chat's, and keeps the link until it works", async () => {
    const { action, links } = await taskAmbulance("Attend the residents' meeting");
    const decline = links.get("Decline") as string;
    const form = await (await get(decline)).text();
    expect(form).toContain("Decline an action");
    expect(form).toMatch(/<textarea[^>]*name="reason"/);

    const blank = await post(decline, { reason: "   " });
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('class="error"');
    expect(await statusOf(action.id)).toBe("PROPOSED");

    const declined = await post(decline, { reason: "No crew is free <that> week" });
    expect(declined.status).toBe(200);
    const page = await declined.text();
    expect(page).toContain("Declined. The coordinator has been told");
    expect(page).toContain("No crew is free &lt;that&gt; week");
    const { action: after } = await services.actions.get(coordinator, action.id);
    expect(after).toMatchObject({ status: "DECLINED", declineReason: "No crew is free <that> week" });
    expect((await post(decline, { reason: "again" })).status).toBe(410);
  });

  it("refuses an expired link and changes nothing", async () => {
    const { action, links } = await taskAmbulance("Leaflet the estate");
    const accept = links.get("Accept") as string;
    const issued = clock.now;
    try {
      clock.now = new Date(issued.getTime() + 14 * DAY_MS + 1000);
      for (const attempt of [() => get(accept), () => post(accept)]) {
        const response = await attempt();
        expect(response.status).toBe(410);
        expect(await response.text()).toContain("This link has expired");
      }
      expect(await statusOf(action.id)).toBe("PROPOSED");
    } finally {
      clock.now = issued;
    }
    // A day before it expires, the same link still works.
    clock.now = new Date(issued.getTime() + 13 * DAY_MS);
    try {
      expect((await post(accept)).status).toBe(200);
      expect(await statusOf(action.id)).toBe("ACCEPTED");
    } finally {
      clock.now = issued;
    }
  });

  it("refuses a tampered link, token or signature, and changes nothing", async () => {
    const { action, links } = await taskAmbulance("Review the defibrillator sites");
    const accept = links.get("Accept") as string;
    const [base, token] = accept.split("/email/act/") as [string, string];
    const [id, signature] = token.split(".") as [string, string];
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    const forged = [
      `${id}.${flip(signature, 5)}`,
      `${flip(id, 3)}.${signature}`,
      `${id}.${signature}x`,
      id,
      "..%2F..%2Fetc%2Fpasswd",
      "",
    ];
    for (const bad of forged) {
      for (const attempt of [get, post]) {
        const response = await attempt(`${base}/email/act/${bad}`);
        expect(response.status, bad).toBe(400);
        expect(await response.text()).toContain("This link is not valid");
      }
    }
    expect(await statusOf(action.id)).toBe("PROPOSED");
    // The genuine link is untouched by the forgeries.
    expect((await get(accept)).status).toBe(200);
  });

  it("lets a board member answer an escalation from its email, with the decision from the link pressed", async () => {
    const BOARD_MEMBER = "michael.hartley@nypolice.example";
    await services.problems.escalate(coordinator, ref, "Needs a county-wide speed camera decision");
    await sender.deliverDue();
    const mail = sink.mailTo(BOARD_MEMBER).at(-1);
    if (!mail) throw new Error("the board member got no email");
    expect(mail.parsed.subject).toBe(`OFFICIAL-SENSITIVE: ${ref} escalated to the Strategic Board`);
    const links = linksIn(mail);
    expect([...links.keys()]).toEqual(["Accept", "Ask for more", "Decline"]);
    // Details hold personal data: they open in chat only, never behind an email link.
    expect(mail.parsed.text).toContain("Details: open ldg-bot in Slack or Microsoft Teams for these.");

    const more = links.get("Ask for more") as string;
    const form = await (await get(more)).text();
    expect(form).toContain(`Answer the escalation of ${ref}`);
    expect(form).toMatch(/<option value="MORE_INFORMATION" selected>/);
    const answered = await post(more, {
      decision: "MORE_INFORMATION",
      reason: "Which junctions, and how often?",
    });
    expect(answered.status).toBe(200);
    const answers = await temp.store.boardAnswer.findMany({ where: { problem: { ref } } });
    expect(answers.map((answer) => [answer.decision, answer.reason])).toEqual([
      ["MORE_INFORMATION", "Which junctions, and how often?"],
    ]);
    // A link issued to one board member does nothing for a forged decision value.
    const accept = links.get("Accept") as string;
    const forged = await post(accept, { decision: "BOGUS", reason: "x" });
    expect(forged.status).toBe(422);
    expect(await temp.store.boardAnswer.count({ where: { problem: { ref } } })).toBe(1);
    // The answer goes to the coordinators and partners by email too.
    await sender.deliverDue();
    expect(sink.mailTo(COORDINATOR).at(-1)?.parsed.subject).toMatch(
      /^OFFICIAL-SENSITIVE: The Strategic Board asked for more information/,
    );
  });

  it("records a refused address against the contact, tells the coordinators, and flags them in the digest", async () => {
    sink.refused.add(EMAIL_SPOC);
    const before = sink.received.length;
    await services.actions.task(coordinator, ref, {
      text: "Map repeat call-outs",
      organisation: AMBULANCE,
      assigneeEmail: EMAIL_SPOC,
      due: "in 2 weeks",
    });
    await sender.deliverDue();
    const failed = await temp.store.outboxMessage.findFirstOrThrow({
      where: { kind: "action.assigned", recipient: { email: EMAIL_SPOC }, state: "FAILED" },
    });
    expect(failed.lastError).toContain("the mail server refused Sarah Gill's address");
    const sarah = await temp.store.contact.findUniqueOrThrow({ where: { email: EMAIL_SPOC } });
    expect(sarah.emailBouncedAt).toEqual(clock.now);
    expect(sarah.emailBounceReason).toMatch(/^550 /);
    const audit = await temp.store.auditEvent.findMany({ where: { verb: "contact.email_bounced" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).not.toContain("550");

    // The coordinators hear of it (by email here), by name and organisation, without the message.
    await sender.deliverDue();
    const told = sink.received.slice(before).filter((mail) => mail.parsed.subject?.includes("can't reach"));
    // The coordinators of each of her areas (Craven, Harrogate, Selby, York), once each.
    expect(told.map((mail) => mail.to[0]).sort()).toEqual([
      COORDINATOR,
      "coordinator.harrogate@ldg.example",
      "coordinator.selby@ldg.example",
      "coordinator.york@ldg.example",
      "demo@ldg.example",
    ]);
    expect(told[0]?.parsed.subject).toBe(`OFFICIAL: I can't reach Sarah Gill (${AMBULANCE}) by email`);
    expect(told[0]?.parsed.text).not.toContain("Map repeat call-outs");

    // The bounced address is not tried again: the next message fails at once, and is reported too.
    const mailsToSarah = sink.mailTo(EMAIL_SPOC).length;
    await services.actions.task(coordinator, ref, {
      text: "Join the next panel",
      organisation: AMBULANCE,
      assigneeEmail: EMAIL_SPOC,
      due: "in 3 weeks",
    });
    await sender.deliverDue();
    expect(sink.mailTo(EMAIL_SPOC)).toHaveLength(mailsToSarah);
    const toSarah = await temp.store.outboxMessage.findMany({
      where: { kind: "action.assigned", recipient: { email: EMAIL_SPOC } },
      orderBy: { createdAt: "asc" },
    });
    expect(toSarah.at(-1)).toMatchObject({ state: "FAILED" });
    expect(toSarah.at(-1)?.lastError).toContain("no way to reach Sarah Gill");
    // ...and at that moment the coordinators are told she cannot be reached at all.
    const beforeNotice = sink.received.length;
    await sender.deliverDue();
    const noWay = sink.received
      .slice(beforeNotice)
      .filter((mail) => mail.parsed.subject === `OFFICIAL: I can't reach Sarah Gill (${AMBULANCE})`);
    expect(noWay.map((mail) => mail.to[0])).toContain(COORDINATOR);
    expect(noWay[0]?.parsed.text).toContain("their address was refused");

    // The weekly digest lists her among the people no channel reaches, and nobody else.
    const result = await services.digests.forActor(coordinator, "CRA", clock.now);
    expect(result.kind).toBe("weekly");
    expect("unreachable" in result.digest && result.digest.unreachable).toEqual([
      { name: "Sarah Gill", organisationName: AMBULANCE },
    ]);

    // A corrected address is tried again.
    await services.register.updateContact(coordinator, EMAIL_SPOC, {
      name: "Sarah Gill",
      email: "sarah.gill@yas-nhs.example",
      organisation: AMBULANCE,
      areas: "CRA; HAR; SEL; YRK",
      roles: "SPOC",
      preferredPlatform: "email",
    });
    const corrected = await temp.store.contact.findUniqueOrThrow({ where: { id: sarah.id } });
    expect(corrected).toMatchObject({ emailBouncedAt: null, emailBounceReason: null });
  });
});
