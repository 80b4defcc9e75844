import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ChatPlatform,
  type OutboundMessage,
  type Recipient,
  RecipientUnreachable,
} from "../src/chat/platform.js";
import { operatorActor } from "../src/core/actor.js";
import type { OutboxEntry, OutboxKind } from "../src/core/outbox.js";
import { Register } from "../src/core/register/register.js";
import { channelsInOrder, chooseChannel } from "../src/outbox/channel-choice.js";
import { InvalidOutboxPayload, renderOutboxMessage } from "../src/outbox/render.js";
import { defaultBackoff, OutboxSender, type OutboxSenderOptions } from "../src/outbox/sender.js";
import { enqueueOutbox, PrismaOutboxStore } from "../src/store/outbox-repository.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

type PlatformName = ChatPlatform["name"];

/** A stand-in for Slack, Teams or email that records what it delivers, and fails when told to. */
class RecordingPlatform implements ChatPlatform {
  readonly delivered: { contactId: string; outbound: OutboundMessage }[] = [];
  private readonly failures: Error[] = [];

  constructor(
    readonly name: PlatformName,
    private readonly onSend: () => Promise<void> = async () => {},
  ) {}

  canReach(recipient: Recipient): boolean {
    if (this.name === "SLACK") return recipient.slackUserId !== null;
    if (this.name === "TEAMS") return recipient.teamsUserId !== null;
    return true;
  }

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(recipient: Recipient, outbound: OutboundMessage): Promise<void> {
    await this.onSend();
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.delivered.push({ contactId: recipient.contactId, outbound });
  }
}

const headline = {
  problemId: "problem-1",
  ref: "CRA-2026-0042",
  title: "Fly-tipping behind the market hall",
  priority: "RED",
  classification: "OFFICIAL_SENSITIVE",
};

function actionAssigned(actionText = "Survey the lane for CCTV sites") {
  return {
    ...headline,
    actionId: "action-1",
    actionText,
    organisationName: "North Yorkshire Police",
    dueOn: "2026-12-04",
  };
}

function entry(key: string, recipientId: string, payload: Record<string, unknown> = actionAssigned()) {
  const outboxEntry: OutboxEntry = { key, recipientId, kind: "action.assigned", payload };
  return outboxEntry;
}

/** Pino writing JSON lines into an array, to check what the sender logs. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

const sourceUrl = (file: string) => new URL(`../src/${file}`, import.meta.url).href;

/**
 * An outbox sender in a child process with its own Prisma client on the same SQLite file, as a
 * second replica would run. Its stand-in for Slack prints each message's summary on a line.
 * (A process, not a second client in this one: better-sqlite3 waits for SQLite's write lock
 * synchronously, so two connections in one process would stall each other.)
 */
function senderInAnotherProcess(databaseUrl: string) {
  const script = `
    const { openStore } = await import(${JSON.stringify(sourceUrl("store/database.ts"))});
    const { PrismaOutboxStore } = await import(${JSON.stringify(sourceUrl("store/outbox-repository.ts"))});
    const { OutboxSender } = await import(${JSON.stringify(sourceUrl("outbox/sender.ts"))});
    const { pino } = await import("pino");
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const store = await openStore(${JSON.stringify(databaseUrl)});
    const outbox = new PrismaOutboxStore(store);
    const slack = {
      name: "SLACK",
      canReach: () => true,
      async send(recipient, outbound) {
        await sleep(5);
        console.log(outbound.message.summary);
      },
    };
    const sender = new OutboxSender({ store: outbox, platforms: [slack], logger: pino({ level: "silent" }), batchSize: 4 });
    console.log("ready");
    while ((await outbox.depth()) > 0) {
      if ((await sender.deliverDue()).sent === 0) await sleep(2);
    }
    await store.$disconnect();
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const delivered: string[] = [];
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "ready") signalReady();
    else delivered.push(line);
  });
  const finished = new Promise<void>((resolve, reject) => {
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`the other sender exited with ${code}`)),
    );
  });
  return { ready: Promise.race([ready, finished]), finished, delivered };
}

const silent = pino({ level: "silent" });
const admin = operatorActor("test operator");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("the outbox on SQLite", () => {
  let temp: TempStore;
  let outbox: PrismaOutboxStore;
  let register: Register;
  let contacts: Record<"slackUser" | "teamsUser" | "bothPreferSlack" | "emailOnly", string>;
  let slack: RecordingPlatform;
  let teams: RecordingPlatform;
  let email: RecordingPlatform;
  // Messages are stamped due with the real clock, so the senders' clock starts just after it.
  let clock: Date;

  beforeEach(async () => {
    temp = await openTempStore();
    outbox = new PrismaOutboxStore(temp.store);
    register = new Register(new PrismaRegisterRepository(temp.store));
    await register.addArea(admin, { code: "CRA", name: "Craven", board: "North Yorkshire Strategic Board" });
    await register.addOrganisation(admin, { name: "North Yorkshire Police", kind: "police" });
    const person = (name: string, email: string, extra: Record<string, string>) =>
      register.addContact(admin, {
        name,
        email,
        organisation: "North Yorkshire Police",
        areas: "CRA",
        roles: "SPOC",
        ...extra,
      });
    contacts = {
      slackUser: (await person("Sam Slack", "sam@police.example", { slackUserId: "U0SAMSLACK" })).id,
      teamsUser: (
        await person("Tess Teams", "tess@police.example", {
          slackUserId: "U0TESSSLACK",
          teamsUserId: "29:tess-teams-id",
          preferredPlatform: "teams",
        })
      ).id,
      bothPreferSlack: (
        await person("Bo Both", "bo@police.example", {
          slackUserId: "U0BOSLACK",
          teamsUserId: "29:bo-teams-id",
          preferredPlatform: "slack",
        })
      ).id,
      emailOnly: (await person("Eve Email", "eve@police.example", {})).id,
    };
    slack = new RecordingPlatform("SLACK");
    teams = new RecordingPlatform("TEAMS");
    email = new RecordingPlatform("EMAIL");
    clock = new Date(Date.now() + 1_000);
  });
  afterEach(async () => temp.dispose());

  function sender(options: Partial<OutboxSenderOptions> = {}) {
    return new OutboxSender({
      store: outbox,
      platforms: [slack, teams, email],
      logger: silent,
      now: () => clock,
      ...options,
    });
  }

  const row = (key: string) => temp.store.outboxMessage.findUniqueOrThrow({ where: { key } });

  describe("writing", () => {
    it("writes a key once, however often it is enqueued", async () => {
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser), entry("k1", contacts.slackUser)]);
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser)]);
      // Two writers racing: both look, both insert, and the loser's duplicate key is taken as done.
      await Promise.all([
        enqueueOutbox(temp.store, [entry("k2", contacts.slackUser)]),
        enqueueOutbox(temp.store, [entry("k2", contacts.slackUser)]),
      ]);
      expect(await temp.store.outboxMessage.count()).toBe(2);
      expect(await row("k1")).toMatchObject({ state: "PENDING", attempts: 0, kind: "action.assigned" });
    });

    it("writes nothing when the transaction it was written in fails", async () => {
      const failing = temp.store.$transaction(async (tx) => {
        await enqueueOutbox(tx, [entry("k1", contacts.slackUser)]);
        throw new Error("the change failed");
      });
      await expect(failing).rejects.toThrow("the change failed");
      expect(await temp.store.outboxMessage.count()).toBe(0);
    });
  });

  describe("choosing the channel", () => {
    it("sends on the preferred platform, else the other chat platform, else email", async () => {
      await enqueueOutbox(temp.store, [
        entry("to-teams", contacts.teamsUser),
        entry("to-slack", contacts.slackUser),
        entry("to-email", contacts.emailOnly),
      ]);
      expect(await sender().deliverDue()).toEqual({ sent: 3, retried: 0, failed: 0 });
      expect(teams.delivered.map((sent) => sent.contactId)).toEqual([contacts.teamsUser]);
      expect(slack.delivered.map((sent) => sent.contactId)).toEqual([contacts.slackUser]);
      expect(email.delivered.map((sent) => sent.contactId)).toEqual([contacts.emailOnly]);
      expect(await row("to-email")).toMatchObject({ state: "SENT", attempts: 1, sentAt: clock });
    });

    it("falls back to the other platform, then to email, when a platform cannot reach them", async () => {
      await enqueueOutbox(temp.store, [entry("k1", contacts.bothPreferSlack)]);
      slack.failNext(new RecipientUnreachable("not in the workspace"));
      await sender().deliverDue();
      expect(teams.delivered.map((sent) => sent.contactId)).toEqual([contacts.bothPreferSlack]);

      await enqueueOutbox(temp.store, [entry("k2", contacts.bothPreferSlack)]);
      slack.failNext(new RecipientUnreachable("not in the workspace"));
      teams.failNext(new RecipientUnreachable("no conversation with them"));
      await sender().deliverDue();
      expect(email.delivered.map((sent) => sent.contactId)).toEqual([contacts.bothPreferSlack]);
      expect(await row("k2")).toMatchObject({ state: "SENT", attempts: 1 });
    });

    it("fails a message nobody can deliver, saying why", async () => {
      await enqueueOutbox(temp.store, [entry("nowhere", contacts.slackUser)]);
      expect(await sender({ platforms: [teams] }).deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
      expect(await row("nowhere")).toMatchObject({
        state: "FAILED",
        attempts: 1,
        lastError: "no way to reach Sam Slack: no Slack, Teams or email",
      });

      await enqueueOutbox(temp.store, [entry("all-refuse", contacts.slackUser)]);
      slack.failNext(new RecipientUnreachable("account deactivated"));
      email.failNext(new RecipientUnreachable("mailbox does not exist"));
      await sender().deliverDue();
      expect((await row("all-refuse")).state).toBe("FAILED");
      expect((await row("all-refuse")).lastError).toContain(
        "SLACK: account deactivated; EMAIL: mailbox does not exist",
      );
    });

    it("tells the area's coordinators once, without the message, when a platform cannot reach someone", async () => {
      const coordinator = await register.addContact(admin, {
        name: "Cora Coordinator",
        email: "cora@ldg.example",
        organisation: "North Yorkshire Police",
        areas: "CRA",
        roles: "coordinator",
      });
      await enqueueOutbox(temp.store, [entry("k1", contacts.teamsUser), entry("k2", contacts.teamsUser)]);
      teams.failNext(
        new RecipientUnreachable("has not installed ldg-bot"),
        new RecipientUnreachable("has not installed ldg-bot"),
      );
      await sender().deliverDue();
      // Slack still reached Tess; the coordinator hears about Teams, once for both messages.
      expect(slack.delivered.map((sent) => sent.contactId)).toEqual([contacts.teamsUser, contacts.teamsUser]);
      const told = await temp.store.outboxMessage.findMany({ where: { kind: "contact.unreachable" } });
      expect(told).toEqual([
        expect.objectContaining({
          recipientId: coordinator.id,
          payload: {
            contactName: "Tess Teams",
            organisationName: "North Yorkshire Police",
            platform: "TEAMS",
          },
        }),
      ]);

      clock = new Date(clock.getTime() + 1_000);
      await sender().deliverDue();
      const { outbound } = email.delivered.find((sent) => sent.contactId === coordinator.id) ?? {};
      expect(outbound?.message.summary).toBe(
        "I can't reach Tess Teams (North Yorkshire Police) in Microsoft Teams",
      );
      expect(JSON.stringify(outbound)).not.toMatch(/CRA-2026-0042|Fly-tipping|CCTV/);

      // No platform has an address for Eve at all: the coordinator hears that too.
      await enqueueOutbox(temp.store, [entry("k3", contacts.emailOnly)]);
      await sender({ platforms: [slack, teams] }).deliverDue();
      expect(
        await temp.store.outboxMessage.count({
          where: {
            kind: "contact.unreachable",
            key: { startsWith: `contact.unreachable:ANY:${contacts.emailOnly}:` },
          },
        }),
      ).toBe(1);
      expect(
        renderOutboxMessage("contact.unreachable", {
          contactName: "Eve Email",
          organisationName: "North Yorkshire Police",
          platform: "ANY",
        }).message.summary,
      ).toBe("I can't reach Eve Email (North Yorkshire Police)");
    });

    it("orders the channels purely from the preference and the addresses held", () => {
      const recipient: Recipient = {
        contactId: "c1",
        name: "Bo Both",
        email: "bo@police.example",
        slackUserId: "U0BOSLACK",
        teamsUserId: "29:bo-teams-id",
        preferredPlatform: null,
      };
      const names = (platforms: ChatPlatform[]) => platforms.map((platform) => platform.name);
      expect(names(channelsInOrder(recipient, [email, teams, slack]))).toEqual(["TEAMS", "SLACK", "EMAIL"]);
      expect(chooseChannel({ ...recipient, preferredPlatform: "SLACK" }, [email, teams, slack])?.name).toBe(
        "SLACK",
      );
      expect(chooseChannel({ ...recipient, preferredPlatform: "EMAIL" }, [slack, teams, email])?.name).toBe(
        "EMAIL",
      );
      expect(chooseChannel({ ...recipient, preferredPlatform: "SLACK" }, [teams, email])?.name).toBe("TEAMS");
      expect(
        chooseChannel({ ...recipient, slackUserId: null, teamsUserId: null }, [slack, teams]),
      ).toBeUndefined();
    });
  });

  describe("retrying", () => {
    const backoff = (attempt: number) => 2 ** attempt * 30_000;

    it("retries a passing failure with backoff and sends exactly once", async () => {
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser)]);
      slack.failNext(new Error("socket hang up"), new Error("rate limited"));
      const start = clock;
      const retrying = sender({ backoff });

      expect(await retrying.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
      expect(await row("k1")).toMatchObject({
        state: "PENDING",
        attempts: 1,
        lastError: "SLACK: socket hang up",
        nextAttemptAt: new Date(start.getTime() + 60_000),
      });
      expect(await retrying.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });

      clock = new Date(start.getTime() + 60_000);
      await retrying.deliverDue();
      expect(await row("k1")).toMatchObject({
        attempts: 2,
        nextAttemptAt: new Date(clock.getTime() + 120_000),
      });

      clock = new Date(clock.getTime() + 120_000);
      expect(await retrying.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(slack.delivered).toHaveLength(1);
      expect(await row("k1")).toMatchObject({ state: "SENT", attempts: 3, sentAt: clock, lastError: null });
    });

    it("gives a message up after the last attempt, keeping the last error", async () => {
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser)]);
      slack.failNext(new Error("timeout"), new Error("timeout"), new Error("bad gateway"));
      const giving = sender({ backoff, maxAttempts: 3 });
      for (let pass = 0; pass < 3; pass++) {
        await giving.deliverDue();
        clock = new Date(clock.getTime() + 60 * 60_000);
      }
      expect(await row("k1")).toMatchObject({
        state: "FAILED",
        attempts: 3,
        lastError: "gave up after 3 attempts: SLACK: bad gateway",
      });
      expect(await giving.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(slack.delivered).toHaveLength(0);
    });

    it("backs off exponentially with jitter, never beyond an hour", () => {
      expect(defaultBackoff(1, () => 0)).toBe(30_000);
      expect(defaultBackoff(1, () => 1)).toBe(60_000);
      expect(defaultBackoff(3, () => 1)).toBe(240_000);
      expect(defaultBackoff(20, () => 1)).toBe(60 * 60_000);
      for (let attempt = 1; attempt <= 8; attempt++) {
        const delay = defaultBackoff(attempt);
        expect(delay).toBeGreaterThanOrEqual(Math.min(2 ** attempt * 30_000, 3_600_000) / 2);
        expect(delay).toBeLessThanOrEqual(3_600_000);
      }
    });
  });

  describe("messages that can never be sent", () => {
    it("fails a payload that does not fit its kind, or an unknown kind, without sending", async () => {
      const { classification: _, ...unclassified } = actionAssigned();
      await enqueueOutbox(temp.store, [
        entry("unclassified", contacts.slackUser, unclassified),
        {
          key: "unknown",
          recipientId: contacts.slackUser,
          kind: "meeting.moved" as OutboxKind,
          payload: headline,
        },
      ]);
      expect(await sender().deliverDue()).toEqual({ sent: 0, retried: 0, failed: 2 });
      expect(await row("unclassified")).toMatchObject({
        state: "FAILED",
        lastError: "action.assigned payload is invalid at classification",
      });
      expect((await row("unknown")).lastError).toBe('"meeting.moved" is not a kind of message');
      expect(slack.delivered).toHaveLength(0);
    });

    it("does not send to someone retired from the register", async () => {
      await register.retireContact(admin, "sam@police.example");
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser)]);
      await sender().deliverDue();
      expect(await row("k1")).toMatchObject({
        state: "FAILED",
        lastError: "Sam Slack has retired from the register",
      });
      expect(slack.delivered).toHaveLength(0);
    });
  });

  describe("several senders", () => {
    it("delivers each message exactly once with senders in this process and in another", async () => {
      const entries = Array.from({ length: 30 }, (_, index) =>
        entry(`k${index}`, contacts.slackUser, actionAssigned(`Action number ${index}`)),
      );
      await enqueueOutbox(temp.store, entries);
      const elsewhere = senderInAnotherProcess(temp.databaseUrl);
      await elsewhere.ready;

      // Each send yields, so the senders' claims and sends interleave.
      const slackHere = new RecordingPlatform("SLACK", () => sleep(5));
      const here = [1, 2].map(
        () => new OutboxSender({ store: outbox, platforms: [slackHere], logger: silent, batchSize: 4 }),
      );
      await Promise.all(
        here.map(async (each) => {
          while ((await outbox.depth()) > 0) {
            if ((await each.deliverDue()).sent === 0) await sleep(2);
          }
        }),
      );
      await elsewhere.finished;

      const summaries = [
        ...slackHere.delivered.map((sent) => sent.outbound.message.summary),
        ...elsewhere.delivered,
      ];
      expect(summaries).toHaveLength(30);
      expect(new Set(summaries).size).toBe(30);
      expect(await temp.store.outboxMessage.count({ where: { state: "SENT" } })).toBe(30);
    });

    it("delivers a message claimed by a sender that crashed, once its claim has lapsed", async () => {
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser)]);
      const crashed = await outbox.claimDue(clock, 50);
      expect(crashed.map((message) => message.recipient.name)).toEqual(["Sam Slack"]);

      expect(await sender().deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
      clock = new Date(clock.getTime() + 2 * 60_000);
      expect(await sender().deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(await row("k1")).toMatchObject({ state: "SENT", attempts: 1 });
    });
  });

  describe("running on a timer", () => {
    it("delivers on its own, and stop waits for the pass in flight", async () => {
      let releaseSend: () => void = () => {};
      let sendStarted: () => void = () => {};
      const started = new Promise<void>((resolve) => {
        sendStarted = resolve;
      });
      const slow = new RecordingPlatform("SLACK", () => {
        sendStarted();
        return new Promise<void>((resolve) => {
          releaseSend = resolve;
        });
      });
      await enqueueOutbox(temp.store, [entry("k1", contacts.slackUser)]);
      const timed = new OutboxSender({ store: outbox, platforms: [slow], logger: silent });
      timed.start(5);
      await started;

      let stopped = false;
      const stopping = timed.stop().then(() => {
        stopped = true;
      });
      await sleep(20);
      expect(stopped).toBe(false);
      releaseSend();
      await stopping;
      expect(slow.delivered).toHaveLength(1);
      expect((await row("k1")).state).toBe("SENT");

      await enqueueOutbox(temp.store, [entry("k2", contacts.slackUser)]);
      await sleep(30);
      expect((await row("k2")).state).toBe("PENDING");
    });
  });

  it("logs ids, kinds and attempts, never the message or the person", async () => {
    const { logger, lines } = capturingLogger();
    await enqueueOutbox(temp.store, [
      entry("sent", contacts.emailOnly),
      entry("retried", contacts.slackUser),
      entry("failed", contacts.teamsUser, { ...actionAssigned(), dueOn: "someday" }),
    ]);
    slack.failNext(new Error("could not post to sam@police.example"));
    await sender({ logger }).deliverDue();

    const logged = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(logged).toContain((await row("sent")).id);
    for (const secret of ["Eve", "Sam", "Tess", "police.example", "Fly-tipping", "CCTV", "CRA-2026-0042"]) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe("rendering outbox messages", () => {
  // One problem's messages; chases, digests, leave, unreachable notices, polls (whose problems are
  // an agenda) and register checks have tests of their own.
  const payloads: Record<
    Exclude<
      OutboxKind,
      | "chase.reminders"
      | "leave.uncovered"
      | "digest.weekly"
      | "digest.board"
      | "contact.unreachable"
      | "meeting.poll"
      | "meeting.poll.answered"
      | "register.check"
      | "register.handover"
      | "register.handover.outcome"
      | "register.unanswered"
    >,
    Record<string, unknown>
  > = {
    "problem.raised": { ...headline, areaName: "Craven" },
    "problem.escalated": { ...headline, areaName: "Craven", reason: "Needs the county's licensing powers" },
    "problem.closed": { ...headline, outcome: "Site cleared and gated" },
    "partner.added": { ...headline, organisationName: "Craven District Council", reason: "Owns the land" },
    "meeting.invitation": {
      ...headline,
      startsAt: "2026-12-03T10:00:00Z",
      place: "Skipton Town Hall",
      ics: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
    },
    "action.assigned": actionAssigned(),
    "action.declined": { ...actionAssigned(), reason: "Not our land" },
    "action.done": { ...actionAssigned(), outcome: "Two camera sites found" },
    "escalation.answered": {
      ...headline,
      decision: "MORE_INFORMATION",
      reason: "Which licences are involved?",
      answeredBy: "Michael Hartley",
    },
  };

  it("writes a new action the way an SPOC reads it", () => {
    const { message } = renderOutboxMessage("action.assigned", actionAssigned());
    expect(message.summary).toBe(
      "New action for North Yorkshire Police on CRA-2026-0042 (RED, OFFICIAL-SENSITIVE): " +
        "Survey the lane for CCTV sites, due 04/12/2026",
    );
    expect(message.blocks).toContainEqual({
      kind: "facts",
      facts: [
        { label: "Problem", value: "CRA-2026-0042: Fly-tipping behind the market hall" },
        { label: "Priority", value: "RED" },
        { label: "Classification", value: "OFFICIAL-SENSITIVE" },
        { label: "Action", value: "Survey the lane for CCTV sites" },
        { label: "Due", value: "04/12/2026" },
      ],
    });
  });

  it.each(Object.entries(payloads))("shows the classification on every message: %s", (kind, payload) => {
    const official = renderOutboxMessage(kind, { ...payload, classification: "OFFICIAL" }).message;
    expect(official.summary).toContain("(RED, OFFICIAL)");
    const sensitive = renderOutboxMessage(kind, payload).message;
    expect(sensitive.summary).toContain("(RED, OFFICIAL-SENSITIVE)");
    expect(JSON.stringify(sensitive.blocks)).toContain('"value":"OFFICIAL-SENSITIVE"');
  });

  it("shows nothing that is not in the payload", () => {
    const rendered = renderOutboxMessage("problem.closed", {
      ...headline,
      victimName: "Jane Doe",
      postcode: "BD23 1AB",
    });
    const text = JSON.stringify(rendered);
    expect(text).not.toContain("Jane Doe");
    expect(text).not.toContain("BD23");
    expect(text).not.toContain("Outcome");
    expect(rendered.attachments).toBeUndefined();
  });

  it("asks an invitee about each candidate time on UK time, marked as its most sensitive problem", () => {
    const poll = (classification: string) => ({
      meetingId: "m1",
      kind: "PROBLEM_SOLVING_PANEL",
      areaName: "Craven",
      durationMinutes: 60,
      place: "Skipton Town Hall",
      link: null,
      agenda: [
        { ...headline, classification: "OFFICIAL" },
        { ...headline, ref: "CRA-2026-0043", classification },
      ],
      slots: [
        { slotId: "slot-1", startsAt: "2026-12-03T10:00:00Z" },
        { slotId: "slot-2", startsAt: "2026-07-03T10:00:00Z" },
      ],
    });
    const { message } = renderOutboxMessage("meeting.poll", poll("OFFICIAL_SENSITIVE"));
    expect(message.summary).toBe("When can you meet about CRA-2026-0042? (RED, OFFICIAL-SENSITIVE)");
    const texts = message.blocks.flatMap((block) => (block.kind === "text" ? [block.text] : []));
    expect(texts).toContain("1. Thursday, 3 December 2026 at 10:00");
    expect(texts).toContain("2. Friday, 3 July 2026 at 11:00");
    const buttons = message.blocks.flatMap((block) => (block.kind === "buttons" ? block.buttons : []));
    expect(buttons.map((button) => `${button.intent} ${button.target}`)).toEqual([
      "meeting.can slot-1",
      "meeting.cannot slot-1",
      "meeting.can slot-2",
      "meeting.cannot slot-2",
    ]);
    expect(renderOutboxMessage("meeting.poll", poll("OFFICIAL")).message.classification).toBe("OFFICIAL");
    expect(() => renderOutboxMessage("meeting.poll", { ...poll("OFFICIAL"), slots: [] })).toThrow(
      InvalidOutboxPayload,
    );
  });

  it("sends a meeting's time on UK time, with its calendar file", () => {
    const { message, attachments } = renderOutboxMessage(
      "meeting.invitation",
      payloads["meeting.invitation"],
    );
    expect(message.summary).toBe(
      "Meeting on CRA-2026-0042 (RED, OFFICIAL-SENSITIVE): Thursday, 3 December 2026 at 10:00, Skipton Town Hall",
    );
    expect(attachments).toEqual([
      {
        filename: "invitation.ics",
        contentType: "text/calendar; charset=utf-8; method=REQUEST",
        content: payloads["meeting.invitation"].ics,
      },
    ]);
    const summer = renderOutboxMessage("meeting.invitation", {
      ...headline,
      startsAt: "2026-07-03T10:00:00Z",
    });
    expect(summer.message.summary).toContain("Friday, 3 July 2026 at 11:00");
  });

  it("keeps odd text safe: no line breaks, control or direction characters, and no endless text", () => {
    const { message } = renderOutboxMessage("action.done", {
      ...headline,
      actionText: "Check\nthe\u0007 lane\u202E now",
      outcome: "x".repeat(2_000),
    });
    expect(message.summary).toBe(
      "Action completed on CRA-2026-0042 (RED, OFFICIAL-SENSITIVE): Check the lane now",
    );
    const outcome = message.blocks.flatMap((block) => (block.kind === "facts" ? block.facts : []));
    expect(outcome.find((fact) => fact.label === "Outcome")?.value).toHaveLength(500);
  });

  it("refuses a malformed payload, naming the fields but never their values", () => {
    const render = () =>
      renderOutboxMessage("action.assigned", {
        ...actionAssigned(),
        priority: "PURPLE",
        dueOn: "secret-value",
      });
    expect(render).toThrow(InvalidOutboxPayload);
    expect(render).toThrow("action.assigned payload is invalid at priority, dueOn");
    expect(() => renderOutboxMessage("problem.raised", "not an object")).toThrow(InvalidOutboxPayload);
    expect(() => renderOutboxMessage("problem.raised", { ...headline, title: " \n " })).toThrow(/at title/);
  });
});
