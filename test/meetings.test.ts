// Meetings on a real SQLite store with the demo register: convene, answer, attend, note,
// reschedule and cancel, with the outbox invitations and audit events each writes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../src/core/actor.js";
import { AccessDenied, InvalidInput } from "../src/core/errors.js";
import type { ConversationProblem, ProblemConversations } from "../src/core/meetings/conversation.js";
import { type ConveneInput, Meetings } from "../src/core/meetings/meetings.js";
import { PrismaMeetingRepository } from "../src/store/meeting-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const COORDINATOR = "coordinator.craven@ldg.example";
const OFFICER = "sam.holmes@nyfrs.example";
const POLICE_SPOC = "rachel.moorhouse@nypolice.example";
const POLICE_DEPUTY = "tom.hebden@nypolice.example";
const FIRE_SPOC = "joanne.hirst@nyfrs.example";
const FIRE_DEPUTY = "ben.lambert@nyfrs.example";
const COUNCIL_SPOC = "julie.ackroyd@northyorks.example";
const FIRE = "North Yorkshire Fire and Rescue Service";
const POLICE = "North Yorkshire Police";
// A partner with nobody in Craven: it cannot be invited.
const HOUSING_WITHOUT_CRAVEN_CONTACT = "Broadacres Housing Association";

// Personal details that must never leave the problem's details.
const OFFENDER = "Jayden Smith, 15, of Rombalds Drive";
const VICTIM = "Mrs Edna Parkin at number 12";
const PLACE_DETAIL = "Behind 14 Otley Road";

/** Records what the chat platform was asked to open; fails for the refs it is told to. */
class RecordingConversations implements ProblemConversations {
  readonly opened: { problem: ConversationProblem; memberIds: string[] }[] = [];
  readonly failFor = new Set<string>();

  async open(problem: ConversationProblem, members: { contactId: string }[]) {
    this.opened.push({ problem, memberIds: members.map((member) => member.contactId) });
    if (this.failFor.has(problem.ref)) throw new Error("Slack said: channel name taken");
    return { conversationId: `conversation-${problem.ref}` };
  }
}

/** The unfolded content lines of an iCalendar file, as name and value (parameters kept on the name). */
function icsLines(ics: string): { name: string; head: string; value: string }[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => {
      const colon = line.indexOf(":");
      const head = line.slice(0, colon);
      return { name: head.split(";")[0] as string, head, value: line.slice(colon + 1) };
    });
}

function icsValue(ics: string, name: string): string | undefined {
  return icsLines(ics).find((line) => line.name === name)?.value;
}

function attendeeEmails(ics: string): string[] {
  return icsLines(ics)
    .filter((line) => line.name === "ATTENDEE")
    .map((line) => line.value.replace(/^mailto:/i, ""))
    .sort();
}

describe("meetings", () => {
  let workflow: Workflow;
  let meetings: Meetings;
  let conversations: RecordingConversations;
  let coordinator: Actor;
  let policeSpoc: Actor;
  let fireSpoc: Actor;

  beforeEach(async () => {
    workflow = await openWorkflow();
    conversations = new RecordingConversations();
    meetings = new Meetings(
      new PrismaMeetingRepository(workflow.temp.store),
      conversations,
      () => workflow.clock.now,
    );
    coordinator = await workflow.actorFor(COORDINATOR);
    policeSpoc = await workflow.actorFor(POLICE_SPOC);
    fireSpoc = await workflow.actorFor(FIRE_SPOC);
  });
  afterEach(async () => workflow.temp.dispose());

  async function raiseWithPartners(
    organisations: string[],
    title = "Deliberate fires near the skate park",
    classification: "OFFICIAL" | "OFFICIAL_SENSITIVE" = "OFFICIAL",
  ) {
    const officer = await workflow.actorFor(OFFICER);
    const { problem } = await workflow.problems.raise(officer, {
      title,
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      locationText: PLACE_DETAIL,
      offender: OFFENDER,
      victimOrTarget: VICTIM,
      classification,
    });
    for (const organisation of organisations) {
      await workflow.problems.addPartner(coordinator, problem.ref, organisation);
    }
    return problem.ref;
  }

  async function conveneOne(input: Partial<ConveneInput> = {}) {
    const ref = await raiseWithPartners([FIRE, POLICE]);
    const result = await meetings.convene(coordinator, {
      problemRefs: [ref],
      when: "next Tuesday 10:00",
      ...input,
    });
    return { ref, ...result };
  }

  async function invitations() {
    return workflow.temp.store.outboxMessage.findMany({
      where: { kind: "meeting.invitation" },
      orderBy: { createdAt: "asc" },
    });
  }

  async function counts() {
    const { store } = workflow.temp;
    return {
      meetings: await store.meeting.count(),
      agenda: await store.meetingProblem.count(),
      invitees: await store.meetingInvitee.count(),
      outbox: await store.outboxMessage.count(),
      audit: await store.auditEvent.count(),
    };
  }

  function icsOf(payload: unknown): string {
    return (payload as { ics: string }).ics;
  }

  describe("convene", () => {
    it("writes the meeting, invites each partner's contact once and sends each a calendar invitation", async () => {
      const skatePark = await raiseWithPartners([FIRE, POLICE]);
      const dealing = await raiseWithPartners(
        [POLICE, HOUSING_WITHOUT_CRAVEN_CONTACT],
        "Dealing from the bus shelter",
        "OFFICIAL_SENSITIVE",
      );
      conversations.failFor.add(dealing);

      const result = await meetings.convene(coordinator, {
        problemRefs: [skatePark, dealing.toLowerCase()],
        when: "next Tuesday 10:00",
        durationMinutes: 90,
        place: "Skipton Fire Station, Room 2",
        link: "https://meet.example/ldg/craven",
      });

      const { meeting } = result;
      expect(result.created).toBe(true);
      expect(meeting).toMatchObject({
        kind: "PROBLEM_SOLVING_PANEL",
        startsAt: new Date("2026-12-01T10:00:00Z"),
        durationMinutes: 90,
        sequence: 0,
        area: { code: "CRA" },
      });
      expect(meeting.agenda.map((problem) => problem.ref)).toEqual([skatePark, dealing]);
      expect(meeting.invitees.map((invitee) => [invitee.organisationName, invitee.contactName])).toEqual([
        [FIRE, "Joanne Hirst"],
        [POLICE, "Rachel Moorhouse"],
      ]);
      expect(result.uninvited).toEqual([
        { organisationName: HOUSING_WITHOUT_CRAVEN_CONTACT, why: `no contact is named for it on ${dealing}` },
      ]);

      const sent = await invitations();
      expect(sent.map((message) => message.key).sort()).toEqual(
        [fireSpoc.contactId, policeSpoc.contactId]
          .map((contactId) => `meeting.invitation:${meeting.id}:${contactId}:0`)
          .sort(),
      );
      for (const message of sent) {
        const ics = icsOf(message.payload);
        expect(icsValue(ics, "METHOD")).toBe("REQUEST");
        expect(icsValue(ics, "UID")).toBe(`meeting-${meeting.id}@ldg-bot`);
        expect(icsValue(ics, "DTSTART")).toBe("20261201T100000Z");
        expect(icsValue(ics, "DTEND")).toBe("20261201T113000Z");
        expect(icsValue(ics, "SEQUENCE")).toBe("0");
        expect(icsValue(ics, "ORGANIZER")).toBe("MAILTO:coordinator.craven@ldg.example");
        expect(attendeeEmails(ics)).toEqual([FIRE_SPOC, POLICE_SPOC]);
        // Calendars sync to phones and delegates: an OFFICIAL-SENSITIVE problem's title stays out.
        const description = icsValue(ics, "DESCRIPTION");
        expect(description).toContain(`${skatePark} (RED\\, OFFICIAL): Deliberate fires near the skate park`);
        expect(description).toContain(`${dealing} (RED\\, OFFICIAL-SENSITIVE)\\n`);
        expect(description).not.toContain("bus shelter");
        expect(message.payload).toMatchObject({
          meetingId: meeting.id,
          kind: "PROBLEM_SOLVING_PANEL",
          startsAt: "2026-12-01T10:00:00.000Z",
          durationMinutes: 90,
          place: "Skipton Fire Station, Room 2",
          link: "https://meet.example/ldg/craven",
          agenda: [
            { ref: skatePark, title: "Deliberate fires near the skate park", priority: "RED" },
            { ref: dealing, title: "Dealing from the bus shelter", priority: "RED" },
          ],
          icsFilename: "invitation.ics",
        });
      }

      const everythingWritten = JSON.stringify([sent, await workflow.temp.store.auditEvent.findMany()]);
      for (const personal of [OFFENDER, VICTIM, PLACE_DETAIL]) {
        expect(everythingWritten).not.toContain(personal);
      }

      for (const ref of [skatePark, dealing]) {
        expect((await workflow.repository.findProblemByRef(ref))?.status).toBe("CONVENED");
      }

      expect(conversations.opened.map((call) => call.problem)).toEqual([
        { ref: skatePark, title: "Deliberate fires near the skate park", classification: "OFFICIAL" },
        { ref: dealing, title: "Dealing from the bus shelter", classification: "OFFICIAL_SENSITIVE" },
      ]);
      expect(conversations.opened[0]?.memberIds.sort()).toEqual(
        [coordinator.contactId, fireSpoc.contactId, policeSpoc.contactId].sort(),
      );
      expect(conversations.opened[1]?.memberIds.sort()).toEqual(
        [coordinator.contactId, policeSpoc.contactId].sort(),
      );
      expect(result.conversations).toEqual([{ ref: skatePark, conversationId: `conversation-${skatePark}` }]);
      expect(result.conversationErrors).toEqual([
        { ref: dealing, message: "Slack said: channel name taken" },
      ]);

      const verbs = await workflow.temp.store.auditEvent.findMany({
        where: { entityType: { in: ["Meeting", "Problem"] }, verb: { contains: "convened" } },
        select: { verb: true },
      });
      expect(verbs.map((event) => event.verb).sort()).toEqual([
        "meeting.convened",
        "problem.convened",
        "problem.convened",
      ]);
    });

    it("answers a retry with the same client key with the same meeting, writing nothing new", async () => {
      const first = await conveneOne({ clientKey: "teams:activity-7" });
      const before = await counts();
      const retried = await meetings.convene(coordinator, {
        problemRefs: [first.ref],
        when: "next Wednesday 11:00",
        clientKey: "teams:activity-7",
      });
      expect(retried).toMatchObject({ created: false, meeting: { id: first.meeting.id } });
      expect(await counts()).toEqual(before);
      expect(conversations.opened).toHaveLength(1);
    });

    it("refuses anyone but the area's coordinator, writing nothing", async () => {
      const ref = await raiseWithPartners([FIRE, POLICE]);
      const before = await counts();
      for (const email of [OFFICER, POLICE_SPOC, "coordinator.harrogate@ldg.example"]) {
        const actor = await workflow.actorFor(email);
        await expect(
          meetings.convene(actor, { problemRefs: [ref], when: "next Tuesday 10:00" }),
        ).rejects.toThrow(AccessDenied);
      }
      await expect(
        meetings.convene(policeSpoc, { problemRefs: [ref], when: "next Tuesday 10:00" }),
      ).rejects.toThrow("Only Craven's coordinator can convene meetings there.");
      expect(await counts()).toEqual(before);
      expect((await workflow.repository.findProblemByRef(ref))?.status).toBe("RAISED");
      expect(conversations.opened).toEqual([]);
    });

    it.each([
      [{ when: "yesterday 10:00" }, /when: .*has passed/],
      [{ when: "today 09:00" }, /when: .*has passed/],
      [{ when: "blah" }, /when: I couldn't read "blah"/],
      [{ when: "next Tuesday" }, /when: .*needs both a day and a time/],
      [{ durationMinutes: 10 }, /durationMinutes: must be at least 15 minutes/],
      [{ durationMinutes: 600 }, /durationMinutes: must be at most 480 minutes/],
      [{ link: "http://meet.example/ldg" }, /link: must be a web address starting with https:\/\//],
      [{ problemRefs: [] }, /problemRefs: needs at least one problem reference/],
    ])("refuses %o, writing nothing", async (change, message) => {
      const ref = await raiseWithPartners([FIRE, POLICE]);
      const before = await counts();
      const attempt = meetings.convene(coordinator, {
        problemRefs: [ref],
        when: "next Tuesday 10:00",
        ...change,
      });
      await expect(attempt).rejects.toThrow(InvalidInput);
      await expect(attempt).rejects.toThrow(message);
      expect(await counts()).toEqual(before);
    });

    it("refuses unknown and closed problems, and a meeting with nobody to invite", async () => {
      await expect(
        meetings.convene(coordinator, { problemRefs: ["CRA-2026-0999"], when: "next Tuesday 10:00" }),
      ).rejects.toThrow("There is no problem CRA-2026-0999.");
      const lonely = await raiseWithPartners([HOUSING_WITHOUT_CRAVEN_CONTACT]);
      await expect(
        meetings.convene(coordinator, { problemRefs: [lonely], when: "next Tuesday 10:00" }),
      ).rejects.toThrow(/Nobody can be invited yet/);
      const closed = await raiseWithPartners([POLICE]);
      await workflow.problems.close(coordinator, closed, {
        outcome: "Resolved before any meeting",
        assessment: "Nothing more is needed",
      });
      await expect(
        meetings.convene(coordinator, { problemRefs: [closed], when: "next Tuesday 10:00" }),
      ).rejects.toThrow(`${closed}: closed; reopen it first`);
      expect(await workflow.temp.store.meeting.count()).toBe(0);
    });
  });

  describe("answering an invitation", () => {
    it("records attending and declining, and a deputy sent in one's place is invited", async () => {
      const { meeting } = await conveneOne();
      await meetings.respond(policeSpoc, meeting.id, "ATTENDING");
      const declined = await meetings.respond(fireSpoc, meeting.id, "DECLINED");
      expect(declined.invitees.map((invitee) => [invitee.contactName, invitee.response])).toEqual([
        ["Joanne Hirst", "DECLINED"],
        ["Rachel Moorhouse", "ATTENDING"],
      ]);

      const deputised = await meetings.respond(fireSpoc, meeting.id, "SENDING_DEPUTY");
      const ben = await workflow.actorFor(FIRE_DEPUTY);
      expect(deputised.invitees.map((invitee) => [invitee.contactName, invitee.response])).toEqual([
        ["Ben Lambert", "PENDING"],
        ["Joanne Hirst", "SENDING_DEPUTY"],
        ["Rachel Moorhouse", "ATTENDING"],
      ]);
      expect(deputised.invitees.find((invitee) => invitee.contactName === "Joanne Hirst")?.substituteId).toBe(
        ben.contactId,
      );
      const toBen = (await invitations()).filter((message) => message.recipientId === ben.contactId);
      expect(toBen.map((message) => message.key)).toEqual([
        `meeting.invitation:${meeting.id}:${ben.contactId}:0`,
      ]);
      expect(attendeeEmails(icsOf(toBen[0]?.payload))).toEqual([FIRE_DEPUTY, FIRE_SPOC, POLICE_SPOC]);
      expect(await invitations()).toHaveLength(3);

      await meetings.respond(ben, meeting.id, "ATTENDING");
      expect(await workflow.temp.store.auditEvent.count({ where: { verb: "meeting.responded" } })).toBe(4);
    });

    it("sends a named substitute of the same organisation, and refuses anyone else", async () => {
      const { meeting } = await conveneOne();
      await expect(meetings.respond(policeSpoc, meeting.id, "SENDING_DEPUTY", FIRE_DEPUTY)).rejects.toThrow(
        `substitute: Ben Lambert works for ${FIRE}, not ${POLICE}`,
      );
      await expect(meetings.respond(policeSpoc, meeting.id, "SENDING_DEPUTY", POLICE_SPOC)).rejects.toThrow(
        "substitute: name someone other than yourself",
      );
      await expect(meetings.respond(policeSpoc, meeting.id, "ATTENDING", POLICE_DEPUTY)).rejects.toThrow(
        "substitute: name someone only when you are sending a deputy",
      );
      const council = await workflow.actorFor(COUNCIL_SPOC);
      await expect(meetings.respond(council, meeting.id, "ATTENDING")).rejects.toThrow(AccessDenied);
      await expect(meetings.respond(policeSpoc, "no-such-meeting", "ATTENDING")).rejects.toThrow(
        "That meeting does not exist.",
      );

      const updated = await meetings.respond(policeSpoc, meeting.id, "SENDING_DEPUTY", POLICE_DEPUTY);
      expect(updated.invitees.map((invitee) => invitee.contactName)).toContain("Tom Hebden");
    });
  });

  describe("attendance and notes", () => {
    it("records who attended, counted by organisation, once the meeting has started", async () => {
      const { meeting } = await conveneOne();
      await meetings.respond(fireSpoc, meeting.id, "SENDING_DEPUTY");
      const ben = await workflow.actorFor(FIRE_DEPUTY);
      const attended = [policeSpoc.contactId, ben.contactId] as string[];

      await expect(meetings.recordAttendance(coordinator, meeting.id, attended)).rejects.toThrow(
        "This meeting has not started yet; record attendance once it has",
      );
      workflow.clock.now = new Date("2026-12-01T11:30:00Z");
      await expect(meetings.recordAttendance(policeSpoc, meeting.id, attended)).rejects.toThrow(AccessDenied);
      await expect(meetings.recordAttendance(coordinator, meeting.id, ["someone-else"])).rejects.toThrow(
        "1 of the people marked as attending were not invited; invite them first",
      );

      const recorded = await meetings.recordAttendance(coordinator, meeting.id, attended);
      expect(recorded.invitees.map((invitee) => [invitee.contactName, invitee.attended])).toEqual([
        ["Ben Lambert", true],
        ["Joanne Hirst", false],
        ["Rachel Moorhouse", true],
      ]);
      expect(await meetings.attendanceByOrganisation(coordinator, meeting.id)).toEqual([
        { organisationName: FIRE, invited: 2, attended: 1 },
        { organisationName: POLICE, invited: 1, attended: 1 },
      ]);
      const council = await workflow.actorFor(COUNCIL_SPOC);
      await expect(meetings.attendanceByOrganisation(council, meeting.id)).rejects.toThrow(AccessDenied);
      expect(
        await workflow.temp.store.auditEvent.count({ where: { verb: "meeting.attendance.recorded" } }),
      ).toBe(1);
    });

    it("keeps notes up to 10000 characters, and the audit log only their length", async () => {
      const { meeting } = await conveneOne();
      const notes = `Agreed patrols. ${OFFENDER} was discussed.`;
      const noted = await meetings.addNotes(coordinator, meeting.id, notes);
      expect(noted.notes).toBe(notes);
      await expect(meetings.addNotes(coordinator, meeting.id, "x".repeat(10_001))).rejects.toThrow(
        "notes: are longer than 10000 characters",
      );
      await expect(meetings.addNotes(policeSpoc, meeting.id, "My notes")).rejects.toThrow(AccessDenied);
      const audit = await workflow.temp.store.auditEvent.findMany({
        where: { verb: "meeting.notes.written" },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]?.after).toMatchObject({ notesLength: notes.length });
      expect(JSON.stringify(audit)).not.toContain(OFFENDER);
    });
  });

  describe("changing the meeting", () => {
    it("reschedules with the next sequence, invites everyone again and asks them again", async () => {
      const { meeting } = await conveneOne();
      await meetings.respond(policeSpoc, meeting.id, "ATTENDING");
      await expect(meetings.reschedule(coordinator, meeting.id, "yesterday 10:00")).rejects.toThrow(
        /has passed/,
      );
      await expect(meetings.reschedule(coordinator, meeting.id, "1/12 10:00")).rejects.toThrow(
        "The meeting is already at that time",
      );
      await expect(meetings.reschedule(policeSpoc, meeting.id, "3/12 10:00")).rejects.toThrow(AccessDenied);

      const moved = await meetings.reschedule(coordinator, meeting.id, "3/12 14:00");
      expect(moved).toMatchObject({ sequence: 1, startsAt: new Date("2026-12-03T14:00:00Z") });
      expect(moved.invitees.map((invitee) => invitee.response)).toEqual(["PENDING", "PENDING"]);
      const resent = (await invitations()).filter((message) => message.key.endsWith(":1"));
      expect(resent.map((message) => message.recipientId).sort()).toEqual(
        [fireSpoc.contactId, policeSpoc.contactId].sort(),
      );
      for (const message of resent) {
        const ics = icsOf(message.payload);
        expect(icsValue(ics, "METHOD")).toBe("REQUEST");
        expect(icsValue(ics, "SEQUENCE")).toBe("1");
        expect(icsValue(ics, "UID")).toBe(`meeting-${meeting.id}@ldg-bot`);
        expect(icsValue(ics, "DTSTART")).toBe("20261203T140000Z");
      }
    });

    it("cancels with a reason: everyone gets a CANCEL, and the meeting takes no more answers", async () => {
      const { meeting } = await conveneOne();
      await expect(meetings.cancel(coordinator, meeting.id, "no")).rejects.toThrow(
        /reason: needs a few words/,
      );
      await expect(meetings.cancel(fireSpoc, meeting.id, "Not needed any more")).rejects.toThrow(
        AccessDenied,
      );

      const cancelled = await meetings.cancel(coordinator, meeting.id, "The fires have stopped");
      expect(cancelled.sequence).toBe(1);
      expect(cancelled.cancelledAt).toEqual(workflow.clock.now);
      const cancellations = (await invitations()).filter((message) => message.key.endsWith(":1"));
      expect(cancellations).toHaveLength(2);
      for (const message of cancellations) {
        const ics = icsOf(message.payload);
        expect(icsValue(ics, "METHOD")).toBe("CANCEL");
        expect(icsValue(ics, "STATUS")).toBe("CANCELLED");
        expect(icsValue(ics, "SEQUENCE")).toBe("1");
        expect(message.payload).toMatchObject({
          method: "CANCEL",
          reason: "The fires have stopped",
          icsFilename: "cancellation.ics",
        });
      }
      await expect(meetings.respond(policeSpoc, meeting.id, "ATTENDING")).rejects.toThrow(
        "This meeting was cancelled",
      );
      await expect(meetings.cancel(coordinator, meeting.id, "Cancelled twice")).rejects.toThrow(
        "This meeting is already cancelled",
      );
      await expect(meetings.reschedule(coordinator, meeting.id, "3/12 10:00")).rejects.toThrow(
        "This meeting was cancelled; convene a new one instead",
      );
    });
  });
});
