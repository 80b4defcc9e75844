// The tally of a meeting's candidate times, and the one to propose: the most people who can make
// it, the earliest among equals. An organisation counts as unable to come at a time when someone
// invited for it cannot make it and nobody else invited for it can.
import type { Invitee, Meeting, MeetingSlot } from "./model.js";

export interface SlotTally {
  slot: MeetingSlot;
  can: Invitee[];
  cannot: Invitee[];
  unanswered: Invitee[];
  /** Organisations nobody can come for at this time, by name. */
  organisationsUnable: string[];
}

export function tallySlots(meeting: Pick<Meeting, "slots" | "invitees">): SlotTally[] {
  return meeting.slots.map((slot) => {
    const answerOf = (invitee: Invitee) =>
      slot.answers.find((answer) => answer.contactId === invitee.contactId)?.canAttend;
    const can = meeting.invitees.filter((invitee) => answerOf(invitee) === true);
    const cannot = meeting.invitees.filter((invitee) => answerOf(invitee) === false);
    const unanswered = meeting.invitees.filter((invitee) => answerOf(invitee) === undefined);
    const coming = new Set(can.map((invitee) => invitee.organisationId));
    const organisationsUnable = [
      ...new Set(
        cannot
          .filter((invitee) => !coming.has(invitee.organisationId))
          .map((invitee) => invitee.organisationName),
      ),
    ].sort((a, b) => a.localeCompare(b));
    return { slot, can, cannot, unanswered, organisationsUnable };
  });
}

/** The slot with the most "can make it", the earliest among equals; none before anyone answers. */
export function bestSlot(tallies: SlotTally[]): SlotTally | undefined {
  let best: SlotTally | undefined;
  for (const tally of tallies) {
    if (tally.can.length === 0) continue;
    const better =
      !best ||
      tally.can.length > best.can.length ||
      (tally.can.length === best.can.length && tally.slot.startsAt < best.slot.startsAt);
    if (better) best = tally;
  }
  return best;
}

/** Every invitee has answered for at least one of the times. */
export function everyoneAnswered(meeting: Pick<Meeting, "slots" | "invitees">): boolean {
  return meeting.invitees.every((invitee) =>
    meeting.slots.some((slot) => slot.answers.some((answer) => answer.contactId === invitee.contactId)),
  );
}
