import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type MeetingInvitationInput, meetingInvitation } from "../src/core/meetings/invitation.js";

// A small reader for what these tests need of RFC 5545: unfolding, a property's parameters
// (quoted values may hold ";" and ":") and TEXT unescaping.
type ContentLine = { name: string; parameters: Record<string, string>; value: string };

function contentLines(ics: string): ContentLine[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map(parseContentLine);
}

function parseContentLine(line: string): ContentLine {
  const valueStart = indexOutsideQuotes(line, ":");
  const [name = "", ...parameterTexts] = splitOutsideQuotes(line.slice(0, valueStart), ";");
  const parameters: Record<string, string> = {};
  for (const text of parameterTexts) {
    const [key = "", ...rest] = text.split("=");
    parameters[key] = rest.join("=").replace(/^"(.*)"$/, "$1");
  }
  return { name, parameters, value: line.slice(valueStart + 1) };
}

function indexOutsideQuotes(text: string, wanted: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === wanted && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let at = indexOutsideQuotes(rest, separator); at >= 0; at = indexOutsideQuotes(rest, separator)) {
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char.toLowerCase() === "n" ? "\n" : char));
}

function only(lines: ContentLine[], name: string): ContentLine {
  const matching = lines.filter((line) => line.name === name);
  expect(matching, `exactly one ${name}`).toHaveLength(1);
  return matching[0] as ContentLine;
}

function icsOf(input: MeetingInvitationInput): string {
  const result = meetingInvitation(input);
  if (!result.ok) throw new Error(`expected an invitation, got: ${result.message}`);
  return result.ics;
}

function refusalOf(input: MeetingInvitationInput): string {
  const result = meetingInvitation(input);
  if (result.ok) throw new Error("expected the invitation to be refused");
  return result.message;
}

const tasking: MeetingInvitationInput = {
  uid: "meeting-CRA-2026-0042-1@ldg-bot.example",
  title: "CRA-2026-0042 tasking meeting",
  start: new Date("2026-11-25T10:00:00Z"),
  durationMinutes: 90,
  location: "Skipton Fire Station, Room 2",
  url: "https://meet.example/ldg/cra-0042",
  description: "Problem-solving panel for CRA-2026-0042. Details are in the LDG bot.",
  organiser: { name: "Sam Jones", email: "sam.jones@craven.example" },
  attendees: [
    { name: "Priya Shah", email: "priya.shah@nyfrs.example" },
    { name: "Tom Reed", email: "tom.reed@police.example" },
  ],
};

describe("meetingInvitation: a request", () => {
  const ics = icsOf(tasking);
  const lines = contentLines(ics);

  it("is one calendar with one event, CRLF line endings throughout", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(only(lines, "VERSION").value).toBe("2.0");
    expect(lines.filter((line) => line.name === "BEGIN").map((line) => line.value)).toEqual([
      "VCALENDAR",
      "VEVENT",
    ]);
  });

  it("carries the method, UID, sequence, status and a private class", () => {
    expect(only(lines, "METHOD").value).toBe("REQUEST");
    expect(only(lines, "UID").value).toBe(tasking.uid);
    expect(only(lines, "SEQUENCE").value).toBe("0");
    expect(only(lines, "STATUS").value).toBe("CONFIRMED");
    expect(only(lines, "CLASS").value).toBe("PRIVATE");
    expect(only(lines, "PRODID").value).toBe("-//ldg-bot//Local Delivery Group meetings//EN");
  });

  it("gives the start and end in UTC", () => {
    expect(only(lines, "DTSTART")).toEqual({ name: "DTSTART", parameters: {}, value: "20261125T100000Z" });
    expect(only(lines, "DTEND").value).toBe("20261125T113000Z");
    expect(only(lines, "DTSTAMP").value).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it("writes a summer start, 11:00 in London, as 10:00 UTC", () => {
    const summer = contentLines(icsOf({ ...tasking, start: new Date("2026-07-15T11:00:00+01:00") }));
    expect(only(summer, "DTSTART").value).toBe("20260715T100000Z");
    expect(only(summer, "DTEND").value).toBe("20260715T113000Z");
  });

  it("names the organiser and each attendee, asking attendees to reply", () => {
    expect(only(lines, "ORGANIZER")).toEqual({
      name: "ORGANIZER",
      parameters: { CN: "Sam Jones" },
      value: "MAILTO:sam.jones@craven.example",
    });
    const attendees = lines.filter((line) => line.name === "ATTENDEE");
    expect(attendees).toEqual([
      {
        name: "ATTENDEE",
        parameters: { RSVP: "TRUE", CN: "Priya Shah" },
        value: "mailto:priya.shah@nyfrs.example",
      },
      {
        name: "ATTENDEE",
        parameters: { RSVP: "TRUE", CN: "Tom Reed" },
        value: "mailto:tom.reed@police.example",
      },
    ]);
  });

  it("carries the title, description, location and link", () => {
    expect(unescapeText(only(lines, "SUMMARY").value)).toBe(tasking.title);
    expect(unescapeText(only(lines, "DESCRIPTION").value)).toBe(tasking.description);
    expect(only(lines, "LOCATION").value).toBe("Skipton Fire Station\\, Room 2");
    expect(only(lines, "URL").value).toBe(tasking.url);
  });

  it("is named invitation.ics", () => {
    expect(meetingInvitation(tasking)).toMatchObject({ ok: true, filename: "invitation.ics" });
  });

  it("leaves out a location and link that are not given", () => {
    const { location: _location, url: _url, ...withoutPlace } = tasking;
    const bare = contentLines(icsOf(withoutPlace));
    expect(bare.map((line) => line.name)).not.toContain("LOCATION");
    expect(bare.map((line) => line.name)).not.toContain("URL");
  });

  it("lets an attendee be invited without a reply asked for", () => {
    const attendees = [{ name: "Ann Lee", email: "ann.lee@nhs.example", rsvp: false }];
    const line = only(contentLines(icsOf({ ...tasking, attendees })), "ATTENDEE");
    expect(line.parameters.RSVP).toBe("FALSE");
  });
});

describe("meetingInvitation: a cancellation", () => {
  const cancellation = meetingInvitation({ ...tasking, method: "CANCEL", sequence: 2 });

  it("cancels the same UID with a higher sequence, asking for no replies", () => {
    if (!cancellation.ok) throw new Error(cancellation.message);
    const lines = contentLines(cancellation.ics);
    expect(only(lines, "METHOD").value).toBe("CANCEL");
    expect(only(lines, "STATUS").value).toBe("CANCELLED");
    expect(only(lines, "UID").value).toBe(tasking.uid);
    expect(only(lines, "SEQUENCE").value).toBe("2");
    for (const attendee of lines.filter((line) => line.name === "ATTENDEE")) {
      expect(attendee.parameters.RSVP).toBe("FALSE");
    }
    expect(cancellation.filename).toBe("cancellation.ics");
  });
});

describe("meetingInvitation: text that needs care", () => {
  it("escapes commas, semicolons, backslashes and line breaks in text", () => {
    const description = "Agenda: 1, review; 2, task\nBring C:\\notes\r\nEnd";
    const ics = icsOf({ ...tasking, title: "Panel; part 1, of 2", description });
    const lines = contentLines(ics);
    expect(only(lines, "SUMMARY").value).toBe("Panel\\; part 1\\, of 2");
    expect(only(lines, "DESCRIPTION").value).toBe(
      "Agenda: 1\\, review\\; 2\\, task\\nBring C:\\\\notes\\nEnd",
    );
    expect(unescapeText(only(lines, "DESCRIPTION").value)).toBe(
      "Agenda: 1, review; 2, task\nBring C:\\notes\nEnd",
    );
  });

  it("turns a lone carriage return into a line break and drops other control characters", () => {
    const lines = contentLines(icsOf({ ...tasking, description: "one\rtwo\u0007three\u0000" }));
    expect(unescapeText(only(lines, "DESCRIPTION").value)).toBe("one\ntwothree");
  });

  it("keeps names inside their quoted parameter, where iCalendar has no escapes", () => {
    const attendees = [{ name: 'Robert "Bob" Smith;\nHousing: lead', email: "bob@housing.example" }];
    const line = only(contentLines(icsOf({ ...tasking, attendees })), "ATTENDEE");
    expect(line.parameters.CN).toBe("Robert 'Bob' Smith; Housing: lead");
    expect(line.value).toBe("mailto:bob@housing.example");
  });

  it("folds long lines at 75 octets, counting multi-byte characters, and unfolds to the same text", () => {
    const description = `Rhagarweiniad — ${"café é ✓ 🚒 ".repeat(30)}end`;
    const ics = icsOf({ ...tasking, description });
    for (const physicalLine of ics.split("\r\n")) {
      expect(Buffer.byteLength(physicalLine, "utf8")).toBeLessThanOrEqual(75);
    }
    expect(ics).toMatch(/\r\n /);
    expect(unescapeText(only(contentLines(ics), "DESCRIPTION").value)).toBe(description);
  });

  it("round-trips any text within 75-octet lines", () => {
    const text = fc
      .string({ unit: "binary", maxLength: 300 })
      .map((raw) => raw.replace(/[\p{Cc}]/gu, "").trim())
      .filter((cleaned) => cleaned !== "");
    fc.assert(
      fc.property(text, text, (title, description) => {
        const ics = icsOf({ ...tasking, title, description });
        for (const physicalLine of ics.split("\r\n")) {
          expect(Buffer.byteLength(physicalLine, "utf8")).toBeLessThanOrEqual(75);
        }
        const lines = contentLines(ics);
        expect(unescapeText(only(lines, "SUMMARY").value)).toBe(title);
        expect(unescapeText(only(lines, "DESCRIPTION").value)).toBe(description);
      }),
    );
  });
});

describe("meetingInvitation: refusals", () => {
  it.each([0, -30, 1.5, 24 * 60 + 1, Number.NaN])("refuses a duration of %s minutes", (durationMinutes) => {
    expect(refusalOf({ ...tasking, durationMinutes })).toBe(
      "A meeting must last a whole number of minutes, from 1 to 1440 (24 hours).",
    );
  });

  it("accepts a meeting of one minute and of a whole day", () => {
    expect(meetingInvitation({ ...tasking, durationMinutes: 1 }).ok).toBe(true);
    expect(meetingInvitation({ ...tasking, durationMinutes: 24 * 60 }).ok).toBe(true);
  });

  it("refuses an invitation to nobody", () => {
    expect(refusalOf({ ...tasking, attendees: [] })).toBe("Invite at least one person.");
  });

  it("refuses email addresses that are not", () => {
    expect(refusalOf({ ...tasking, attendees: [{ name: "Priya Shah", email: "priya.shah" }] })).toBe(
      '"priya.shah" is not an email address (Priya Shah).',
    );
    expect(
      refusalOf({ ...tasking, organiser: { name: "Sam Jones", email: "sam@craven.example\nX-EVIL:1" } }),
    ).toBe('"sam@craven.example\nX-EVIL:1" is not an email address (the organiser).');
  });

  it("refuses a blank title, a blank name, an invalid start and a bad UID or sequence", () => {
    expect(refusalOf({ ...tasking, title: "  " })).toBe("The meeting needs a title.");
    expect(refusalOf({ ...tasking, attendees: [{ name: " ", email: "a@b.example" }] })).toBe(
      "The name of an invitee is missing.",
    );
    expect(refusalOf({ ...tasking, start: new Date("not a date") })).toBe(
      "The meeting's start time is not a valid date.",
    );
    for (const uid of ["", "two words", "a,b", "a;b", "x".repeat(256)]) {
      expect(refusalOf({ ...tasking, uid })).toBe(
        "The meeting's identifier must be 1 to 255 letters, digits and @ . _ : + - signs.",
      );
    }
    expect(refusalOf({ ...tasking, sequence: -1 })).toBe(
      "The invitation's sequence number must be a whole number, 0 or more.",
    );
  });

  it("refuses a link that is not a web address", () => {
    const message = "The meeting link must be a web address starting with https:// or http://.";
    expect(refusalOf({ ...tasking, url: "meet.example/ldg" })).toBe(message);
    expect(refusalOf({ ...tasking, url: "javascript:alert(1)" })).toBe(message);
    expect(refusalOf({ ...tasking, url: "http://[::1]/ldg" })).toBe(
      "The invitation could not be written. Check that the meeting link is an ordinary web address.",
    );
  });

  it("lists every problem at once", () => {
    expect(refusalOf({ ...tasking, durationMinutes: 0, attendees: [] })).toBe(
      "A meeting must last a whole number of minutes, from 1 to 1440 (24 hours). Invite at least one person.",
    );
  });
});
