// Writes a meeting's calendar invitation (or its cancellation) as an iCalendar file that Outlook,
// Google Calendar and Apple Calendar accept from an email attachment or a chat upload.
//
// Privacy: the title, description and location land in every invitee's calendar, which syncs to
// phones and is often open to delegates. Callers pass the problem's reference and a neutral title,
// never the names or addresses of victims, offenders or witnesses: details open in the bot, after
// an access check. This module cannot tell personal data from any other text, so it does not try.
import { type Attendee, createEvent, type EventAttributes } from "ics";

export type InvitationMethod = "REQUEST" | "CANCEL";

export type MeetingInvitationInput = {
  /** Stable for the meeting's life: a calendar matches updates and cancellations to it by UID. */
  uid: string;
  title: string;
  start: Date;
  durationMinutes: number;
  location?: string;
  url?: string;
  description: string;
  organiser: { name: string; email: string };
  /** RSVP defaults to true for a REQUEST (replies wanted) and false for a CANCEL. */
  attendees: { name: string; email: string; rsvp?: boolean }[];
  /** Raise it by one for each change sent after the first, or calendars ignore the change. */
  sequence?: number;
  method?: InvitationMethod;
};

export type MeetingInvitationResult =
  | { ok: true; ics: string; filename: string }
  | { ok: false; message: string };

const PRODUCT_ID = "-//ldg-bot//Local Delivery Group meetings//EN";
const MAX_DURATION_MINUTES = 24 * 60;
// Characters that need no escaping in any calendar's reading of a UID.
const UID = /^[A-Za-z0-9@._:+-]{1,255}$/;
// Deliberately plain: enough to catch a slip, and nothing that could break out of a mailto: value.
const EMAIL_ADDRESS = /^[^\s@<>"(),;:\\]+@[^\s@<>"(),;:\\]+\.[^\s@<>"(),;:\\]+$/;
const MAX_FOLDED_LINE_OCTETS = 75;

export function meetingInvitation(input: MeetingInvitationInput): MeetingInvitationResult {
  const method = input.method ?? "REQUEST";
  const problems = problemsWith(input);
  if (problems.length > 0) return { ok: false, message: problems.join(" ") };

  const startMs = input.start.getTime();
  const event: EventAttributes = {
    productId: PRODUCT_ID,
    method,
    uid: input.uid,
    sequence: input.sequence ?? 0,
    title: plainText(input.title),
    description: plainText(input.description),
    location: input.location === undefined ? undefined : plainText(input.location),
    url: input.url,
    // Timestamps in milliseconds are written as UTC ("20261125T100000Z"), never as floating time.
    start: startMs,
    end: startMs + input.durationMinutes * 60_000,
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    // Hides the details from anyone who can see an invitee's calendar but is not invited.
    classification: "PRIVATE",
    organizer: { name: parameterText(input.organiser.name), email: input.organiser.email },
    attendees: input.attendees.map(
      (attendee): Attendee => ({
        name: parameterText(attendee.name),
        email: attendee.email,
        rsvp: attendee.rsvp ?? method === "REQUEST",
      }),
    ),
  };
  const { error, value } = createEvent(event);
  // The checks above cover what ics validates, except its stricter idea of a web address (it
  // refuses an IPv6 host, say); its own message quotes a regular expression, so say it plainly.
  if (error || !value) {
    return {
      ok: false,
      message: "The invitation could not be written. Check that the meeting link is an ordinary web address.",
    };
  }
  return {
    ok: true,
    ics: foldLinesByOctets(value),
    filename: method === "CANCEL" ? "cancellation.ics" : "invitation.ics",
  };
}

function problemsWith(input: MeetingInvitationInput): string[] {
  const problems: string[] = [];
  if (!UID.test(input.uid)) {
    problems.push("The meeting's identifier must be 1 to 255 letters, digits and @ . _ : + - signs.");
  }
  if (input.title.trim() === "") problems.push("The meeting needs a title.");
  if (Number.isNaN(input.start.getTime())) problems.push("The meeting's start time is not a valid date.");
  const duration = input.durationMinutes;
  if (!Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_MINUTES) {
    problems.push(
      `A meeting must last a whole number of minutes, from 1 to ${MAX_DURATION_MINUTES} (24 hours).`,
    );
  }
  if (input.url !== undefined && !isWebAddress(input.url)) {
    problems.push("The meeting link must be a web address starting with https:// or http://.");
  }
  const sequence = input.sequence ?? 0;
  if (!Number.isInteger(sequence) || sequence < 0) {
    problems.push("The invitation's sequence number must be a whole number, 0 or more.");
  }
  problems.push(...personProblems(input.organiser, "the organiser"));
  if (input.attendees.length === 0) problems.push("Invite at least one person.");
  for (const attendee of input.attendees) {
    problems.push(...personProblems(attendee, attendee.name.trim() || "an invitee"));
  }
  return problems;
}

function personProblems(person: { name: string; email: string }, who: string): string[] {
  const problems: string[] = [];
  if (person.name.trim() === "") problems.push(`The name of ${who} is missing.`);
  if (!EMAIL_ADDRESS.test(person.email)) problems.push(`"${person.email}" is not an email address (${who}).`);
  return problems;
}

function isWebAddress(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

// iCalendar text allows line breaks only as its own "\n" escape, which ics writes for "\n" and
// "\r\n"; a lone "\r" or another control character would break the file, so they go.
function plainText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\p{Cc}]/gu, (char) => (char === "\n" ? char : ""))
    .trim();
}

// A name goes into a quoted parameter (CN="..."), where iCalendar has no escapes at all: a double
// quote or a line break cannot be written, so they become a single quote and a space.
function parameterText(name: string): string {
  return name
    .replaceAll('"', "'")
    .replace(/[\p{Cc}\s]+/gu, " ")
    .trim();
}

// RFC 5545 folds content lines longer than 75 octets. ics folds at 75 characters, so a line with
// accented letters or symbols (2 to 4 octets each in UTF-8) comes out too long; unfold its lines
// and fold them again by octets, never splitting a character.
function foldLinesByOctets(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .map(foldLine)
    .join("\r\n");
}

function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = "";
  let pieceOctets = 0;
  // Continuation lines start with a space, which counts towards their 75 octets.
  let room = MAX_FOLDED_LINE_OCTETS;
  for (const char of line) {
    const octets = Buffer.byteLength(char, "utf8");
    if (pieceOctets + octets > room) {
      pieces.push(piece);
      piece = "";
      pieceOctets = 0;
      room = MAX_FOLDED_LINE_OCTETS - 1;
    }
    piece += char;
    pieceOctets += octets;
  }
  pieces.push(piece);
  return pieces.join("\r\n ");
}
