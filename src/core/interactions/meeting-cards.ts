// Cards about meetings: the poll each invitee answers (one per person, on their own channel), the
// tally the coordinator picks a time from, and the meeting as it stands with who came. They carry
// the agenda's references, titles, priorities and classification, never personal details.
import type { Block, Button, ChatMessage } from "../../chat/message.js";
import type { OrganisationAttendance } from "../meetings/meetings.js";
import { type AgendaProblem, MEETING_KIND_NAMES, type Meeting, type MeetingKind } from "../meetings/model.js";
import { bestSlot, tallySlots } from "../meetings/slot-poll.js";
import { CLASSIFICATION_LABELS } from "../problems/problem-input.js";
import { LDG_TIME_ZONE } from "../time/due-date.js";

type Headline = Pick<AgendaProblem, "ref" | "title" | "priority" | "classification">;

/** What a poll shows of its meeting: the payload of a `meeting.poll` message carries the same. */
export interface PollView {
  kind: MeetingKind;
  areaName: string;
  durationMinutes: number;
  place: string | null;
  agenda: Headline[];
  /** `answer` is the reader's own, where they have given one. */
  slots: { slotId: string; startsAt: Date; answer?: boolean }[];
}

/** Full date and time on the LDG's clock, e.g. "Tuesday 1 December 2026 at 10:00". */
export function meetingTime(instant: Date, timeZone = LDG_TIME_ZONE): string {
  return instant.toLocaleString("en-GB", { timeZone, dateStyle: "full", timeStyle: "short" });
}

/** The most protective marking on the agenda: a message shows it if any of its problems needs it. */
function markingOf(agenda: Headline[]): string {
  const sensitive = agenda.some((problem) => problem.classification === "OFFICIAL_SENSITIVE");
  return CLASSIFICATION_LABELS[sensitive ? "OFFICIAL_SENSITIVE" : "OFFICIAL"];
}

function agendaFacts(agenda: Headline[], marking: string) {
  return [
    ...agenda.map((problem) => ({
      label: "Problem",
      value: `${problem.ref}: ${problem.title} (${problem.priority})`,
    })),
    { label: "Classification", value: marking },
  ];
}

const ANSWER_WORDS = { true: "you can make it", false: "you can't make it" } as const;

/** One invitee's poll: each candidate time with "I can make it" and "I can't". */
export function pollCard(poll: PollView, notice?: string, timeZone = LDG_TIME_ZONE): ChatMessage {
  const marking = markingOf(poll.agenda);
  const first = poll.agenda[0] as Headline;
  const heading = `When can you meet about ${first.ref}?`;
  const blocks: Block[] = [
    { kind: "heading", text: heading },
    {
      kind: "text",
      text:
        `${poll.areaName} LDG is arranging a ${MEETING_KIND_NAMES[poll.kind]} (${poll.durationMinutes} minutes` +
        `${poll.place ? `, ${poll.place}` : ""}). Say which times you can make; the coordinator picks one ` +
        "and sends the invitation. You can change your answers until then.",
    },
    { kind: "facts", facts: agendaFacts(poll.agenda, marking) },
  ];
  poll.slots.forEach((slot, index) => {
    const answered = slot.answer === undefined ? "" : `: ${ANSWER_WORDS[`${slot.answer}`]}`;
    blocks.push({ kind: "text", text: `${index + 1}. ${meetingTime(slot.startsAt, timeZone)}${answered}` });
    blocks.push({
      kind: "buttons",
      buttons: [
        { label: "I can make it", intent: "meeting.can", target: slot.slotId, style: "primary" },
        { label: "I can't", intent: "meeting.cannot", target: slot.slotId },
      ],
    });
  });
  if (notice) blocks.push({ kind: "text", text: notice });
  return { summary: `${heading} (${first.priority}, ${marking})`, blocks, classification: marking };
}

/** What a `meeting.poll.answered` message carries. */
export interface PollAnsweredView {
  invited: number;
  agenda: Headline[];
  best: { slotId: string; startsAt: Date; can: number; organisationsUnable: string[] } | null;
}

/** For the organiser, once everyone has answered: the time to propose, and a button to pick it. */
export function pollAnsweredCard(poll: PollAnsweredView, timeZone = LDG_TIME_ZONE): ChatMessage {
  const marking = markingOf(poll.agenda);
  const first = poll.agenda[0] as Headline;
  const heading = `Everyone has answered the poll for ${first.ref}`;
  const blocks: Block[] = [
    { kind: "heading", text: heading },
    { kind: "facts", facts: agendaFacts(poll.agenda, marking) },
  ];
  const { best } = poll;
  if (best) {
    const unable =
      best.organisationsUnable.length > 0
        ? ` Nobody can come then for ${best.organisationsUnable.join(", ")}.`
        : "";
    blocks.push({
      kind: "text",
      text:
        `Proposed: ${meetingTime(best.startsAt, timeZone)}, which ${best.can} of the ${poll.invited} invited can make.` +
        `${unable} Pick it here, or see every time with "meeting ${first.ref}".`,
    });
    blocks.push({
      kind: "buttons",
      buttons: [{ label: "Pick this time", intent: "meeting.pick", target: best.slotId, style: "primary" }],
    });
  } else {
    blocks.push({
      kind: "text",
      text: `Nobody can make any of the times. Convene ${first.ref} again with other times.`,
    });
  }
  return { summary: `${heading} (${first.priority}, ${marking})`, blocks, classification: marking };
}

/** The poll as `contactId` answered it so far. */
export function pollViewFor(meeting: Meeting, contactId: string | null): PollView {
  return {
    kind: meeting.kind,
    areaName: meeting.area.name,
    durationMinutes: meeting.durationMinutes,
    place: meeting.place,
    agenda: meeting.agenda,
    slots: meeting.slots.map((slot) => {
      const answer = slot.answers.find((given) => given.contactId === contactId)?.canAttend;
      return { slotId: slot.id, startsAt: slot.startsAt, ...(answer === undefined ? {} : { answer }) };
    }),
  };
}

function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** For the coordinator: each candidate time's answers, the time proposed, and a button to pick each. */
export function tallyCard(meeting: Meeting, notice?: string, timeZone = LDG_TIME_ZONE): ChatMessage {
  const marking = markingOf(meeting.agenda);
  const first = meeting.agenda[0] as Headline;
  const tallies = tallySlots(meeting);
  const best = bestSlot(tallies);
  const heading = `Choosing a time for the ${MEETING_KIND_NAMES[meeting.kind]} on ${first.ref}`;
  const blocks: Block[] = [
    { kind: "heading", text: heading },
    { kind: "facts", facts: agendaFacts(meeting.agenda, marking) },
  ];
  tallies.forEach((tally, index) => {
    const lines = [
      `${index + 1}. ${meetingTime(tally.slot.startsAt, timeZone)}: ${tally.can.length} can make it, ` +
        `${tally.cannot.length} can't, ${tally.unanswered.length} not answered`,
    ];
    if (tally.organisationsUnable.length > 0) {
      lines.push(`Nobody can come for ${tally.organisationsUnable.join(", ")}`);
    }
    blocks.push({ kind: "text", text: lines.join("\n") });
    const button: Button = { label: "Pick this time", intent: "meeting.pick", target: tally.slot.id };
    if (tally === best) button.style = "primary";
    blocks.push({ kind: "buttons", buttons: [button] });
  });
  const answered = meeting.invitees.filter((invitee) =>
    meeting.slots.some((slot) => slot.answers.some((answer) => answer.contactId === invitee.contactId)),
  ).length;
  blocks.push({
    kind: "text",
    text: best
      ? `Proposed: ${meetingTime(best.slot.startsAt, timeZone)}, the time most can make` +
        `${best.organisationsUnable.length > 0 ? `; nobody can come then for ${best.organisationsUnable.join(", ")}` : ""}. ` +
        `${answered} of ${countOf(meeting.invitees.length, "person", "people")} invited have answered.`
      : `Nobody has said they can make any of the times yet (${answered} of ${meeting.invitees.length} have answered).`,
  });
  if (notice) blocks.push({ kind: "text", text: notice });
  return { summary: `${heading} (${first.priority}, ${marking})`, blocks, classification: marking };
}

const RESPONSE_WORDS = {
  PENDING: "not answered",
  ATTENDING: "attending",
  DECLINED: "declined",
  SENDING_DEPUTY: "sending a deputy",
} as const;

/** The meeting with its time set: when, where, who was invited for which organisation, and who came. */
export function meetingCard(
  meeting: Meeting,
  attendance: OrganisationAttendance[],
  notice?: string,
  timeZone = LDG_TIME_ZONE,
): ChatMessage {
  const marking = markingOf(meeting.agenda);
  const first = meeting.agenda[0] as Headline;
  const heading = `${MEETING_KIND_NAMES[meeting.kind]} on ${first.ref}`.replace(/^./, (c) => c.toUpperCase());
  const recorded = meeting.invitees.some((invitee) => invitee.attended !== null);
  const blocks: Block[] = [
    { kind: "heading", text: heading },
    {
      kind: "facts",
      facts: [
        { label: "When", value: meetingTime(meeting.startsAt, timeZone) },
        ...(meeting.place ? [{ label: "Where", value: meeting.place }] : []),
        ...(meeting.link ? [{ label: "Link", value: meeting.link }] : []),
        ...(meeting.cancelledAt ? [{ label: "Status", value: "cancelled" }] : []),
        ...agendaFacts(meeting.agenda, marking),
      ],
    },
    {
      kind: "list",
      items: meeting.invitees.map(
        (invitee) =>
          `${invitee.organisationName}: ${invitee.contactName}, ${RESPONSE_WORDS[invitee.response]}`,
      ),
    },
  ];
  if (recorded) {
    blocks.push({ kind: "text", text: "Attendance by organisation" });
    blocks.push({
      kind: "list",
      items: attendance.map(
        (line) => `${line.organisationName}: ${line.attended} of ${line.invited} attended`,
      ),
    });
  }
  if (notice) blocks.push({ kind: "text", text: notice });
  return { summary: `${heading} (${first.priority}, ${marking})`, blocks, classification: marking };
}
