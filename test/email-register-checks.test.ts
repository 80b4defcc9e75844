// Register checks by email, through real parts: the question goes through nodemailer to a real SMTP
// server (smtp-server), is parsed back with mailparser, and its signed links are used over HTTP
// against the bot's own handler. Opening a link changes nothing; Confirm, Update details and Hand
// over act on POST; the successor named confirms from their own email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import type { OutboxSender } from "../src/outbox/sender.js";
import { type AppServices, createServices } from "../src/services.js";
import { type EmailHarness, startEmailHarness } from "./support/email-harness.js";
import { linksIn, type SmtpSink } from "./support/smtp-sink.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const AMBULANCE_SPOC = "sarah.gill@yas.example"; // confirms
const PROBATION_SPOC = "margaret.lumb@probation.example"; // hands over
const HOUSING_SPOC = "adam.varley@yorkshirehousing.example"; // updates details
const SUCCESSOR = "olu.adeyemi@probation.example";
const COORDINATOR = "coordinator.craven@ldg.example";
/** A Tuesday, when the daily job asks; entries checked before CHECKED_LONG_AGO are due. */
const ASKED_AT = new Date("2026-12-15T09:00:00Z");
const CHECKED_LONG_AGO = new Date("2026-05-01T09:00:00Z");

describe("register checks by email", () => {
  let temp: TempStore;
  let sink: SmtpSink;
  let services: AppServices;
  let sender: OutboxSender;
  let email: EmailHarness;
  // Ahead of the wall clock, so the outbox rows the database stamps with its own now() are due.
  const clock = { now: new Date(Date.now() + 60 * 60_000) };

  const get = (url: string) => fetch(url, { redirect: "manual" });
  const post = (url: string, form: Record<string, string> = {}) =>
    fetch(url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
  const contactOf = (email: string) => temp.store.contact.findUniqueOrThrow({ where: { email } });
  const checkOf = async (email: string) =>
    temp.store.registerCheck.findFirstOrThrow({ where: { contactId: (await contactOf(email)).id } });
  async function mailTo(address: string) {
    await sender.deliverDue();
    const mail = sink.mailTo(address).at(-1);
    if (!mail) throw new Error(`no email reached ${address}`);
    return { mail, links: linksIn(mail) };
  }

  beforeAll(async () => {
    temp = await openTempStore();
    await loadDemoRegisterIfEmpty(temp.store);
    await temp.store.contact.updateMany({ data: { verifiedAt: new Date("2026-12-01T09:00:00Z") } });
    await temp.store.contact.updateMany({
      where: { email: { in: [AMBULANCE_SPOC, PROBATION_SPOC, HOUSING_SPOC] } },
      data: { verifiedAt: CHECKED_LONG_AGO },
    });
    services = createServices(temp.store, { now: () => clock.now });
    email = await startEmailHarness(temp, services, () => clock.now);
    ({ sink, sender } = email);
    expect(await services.registerChecks.run("email-test", ASKED_AT)).toMatchObject({ asked: 3 });
  });

  afterAll(async () => {
    await email?.close();
    await temp?.dispose();
  });

  it("asks by email with signed links; opening Confirm changes nothing, posting it confirms once", async () => {
    const { mail, links } = await mailTo(AMBULANCE_SPOC);
    expect(mail.parsed.subject).toBe(
      "OFFICIAL: Are you still the contact for Yorkshire Ambulance Service in Craven, Harrogate, Selby and York?",
    );
    expect([...links.keys()]).toEqual(["Confirm", "Update details", "Hand over"]);
    const confirm = links.get("Confirm") as string;

    const opened = await get(confirm);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Confirm you are still the contact?");
    expect(await checkOf(AMBULANCE_SPOC)).toMatchObject({ state: "ASKED" });

    const confirmed = await post(confirm);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Thank you: the register lists you as the contact");
    expect(await checkOf(AMBULANCE_SPOC)).toMatchObject({ state: "CONFIRMED" });
    expect((await contactOf(AMBULANCE_SPOC)).verifiedAt).toEqual(clock.now);
    expect((await post(confirm)).status).toBe(410);
  });

  it("updates details from a form page filled in with the entry", async () => {
    const { links } = await mailTo(HOUSING_SPOC);
    const update = links.get("Update details") as string;
    const page = await (await get(update)).text();
    expect(page).toContain('value="01632 960802"');
    const wrong = await post(update, { name: "Adam Varley", email: HOUSING_SPOC, phone: "ring me" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("is not a phone number");
    expect((await contactOf(HOUSING_SPOC)).phone).toBe("01632 960802");

    const saved = await post(update, { name: "Adam Varley", email: HOUSING_SPOC, phone: "01632 960888" });
    expect(saved.status).toBe(200);
    expect(await contactOf(HOUSING_SPOC)).toMatchObject({ phone: "01632 960888", verifiedAt: clock.now });
    expect(await checkOf(HOUSING_SPOC)).toMatchObject({ state: "UPDATED" });
  });

  it("hands over from a form page, and the successor confirms from their own email", async () => {
    const { links } = await mailTo(PROBATION_SPOC);
    const handOver = links.get("Hand over") as string;
    expect(await (await get(handOver)).text()).toContain('name="successorEmail"');
    const contacts = await temp.store.contact.count();

    const wrong = await post(handOver, { successorName: "Olu Adeyemi", successorEmail: "olu at probation" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("is not a valid email address");
    expect(await temp.store.contact.count()).toBe(contacts);

    const named = await post(handOver, { successorName: "Olu Adeyemi", successorEmail: SUCCESSOR });
    expect(named.status).toBe(200);
    expect(await named.text()).toContain("Olu Adeyemi has been asked to confirm");

    const invitation = await mailTo(SUCCESSOR);
    expect(invitation.mail.parsed.subject).toBe(
      "OFFICIAL: Margaret Lumb named you as the new contact for Probation Service Yorkshire and the Humber in Craven, Harrogate, Selby and York",
    );
    expect([...invitation.links.keys()]).toEqual(["Confirm", "That's not me"]);
    const accept = invitation.links.get("Confirm") as string;
    expect(await (await get(accept)).text()).toContain("Confirm you are the new contact?");
    expect(await checkOf(PROBATION_SPOC)).toMatchObject({ state: "HANDOVER" });

    expect((await post(accept)).status).toBe(200);
    const successor = await services.register.findByEmail(SUCCESSOR);
    expect(successor?.memberships.map((m) => `${m.area.code}:${m.role}`)).toEqual([
      "CRA:SPOC",
      "HAR:SPOC",
      "SEL:SPOC",
      "YRK:SPOC",
    ]);
    expect((await contactOf(PROBATION_SPOC)).retiredAt).toEqual(clock.now);
    const told = await mailTo(COORDINATOR);
    expect(told.mail.parsed.subject).toBe(
      "OFFICIAL: Olu Adeyemi is now the contact for Probation Service Yorkshire and the Humber in Craven, Harrogate, Selby and York",
    );
  });
});
