import { afterEach, describe, expect, it } from "vitest";
import { parseMeetingTime } from "../src/core/meetings/meeting-time.js";

// Wednesday 25 November 2026, 10:00 in London (GMT).
const wednesday = new Date("2026-11-25T10:00:00Z");
// Wednesday 15 July 2026, 09:00 in London is 08:00 UTC (BST).
const summerMorning = new Date("2026-07-15T08:00:00Z");

function startOf(text: string, now = wednesday): string {
  const result = parseMeetingTime(text, now);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
  return result.start.toISOString();
}

function refusalOf(text: string, now = wednesday): string {
  const result = parseMeetingTime(text, now);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.start.toISOString()}`);
  return result.message;
}

describe("parseMeetingTime: the forms people type", () => {
  it.each([
    ["next Tuesday 10:00", "2026-12-01T10:00:00.000Z"],
    ["Tuesday at 10am", "2026-12-01T10:00:00.000Z"],
    ["tomorrow at 2pm", "2026-11-26T14:00:00.000Z"],
    ["today 16:00", "2026-11-25T16:00:00.000Z"],
    ["Friday 9.30am", "2026-11-27T09:30:00.000Z"],
    ["2 December 14:30", "2026-12-02T14:30:00.000Z"],
    ["on 2 Dec at 2.30pm", "2026-12-02T14:30:00.000Z"],
    ["2/12 14:30", "2026-12-02T14:30:00.000Z"],
    ["2/12 at 2:30 pm", "2026-12-02T14:30:00.000Z"],
    ["02/12/2026 14:30", "2026-12-02T14:30:00.000Z"],
    ["2/12/26, 14.30", "2026-12-02T14:30:00.000Z"],
    ["2026-12-02T14:30", "2026-12-02T14:30:00.000Z"],
    ["2026-12-02 14:30:00", "2026-12-02T14:30:00.000Z"],
    ["2/12 12pm", "2026-12-02T12:00:00.000Z"],
    ["2/12 12am", "2026-12-02T00:00:00.000Z"],
  ])("%s", (text, expected) => {
    expect(startOf(text)).toBe(expected);
  });

  it("reads day/month the UK way, and a day already passed this year as next year's", () => {
    expect(startOf("3/1 09:00")).toBe("2027-01-03T09:00:00.000Z");
    expect(startOf("24/11 09:00")).toBe("2027-11-24T09:00:00.000Z");
  });

  it("reads the time on London's clock in summer (BST)", () => {
    expect(startOf("16/7 10:00", summerMorning)).toBe("2026-07-16T09:00:00.000Z");
    expect(startOf("today 18:30", summerMorning)).toBe("2026-07-15T17:30:00.000Z");
    expect(startOf("2026-10-26 10:00", summerMorning)).toBe("2026-10-26T10:00:00.000Z");
  });

  it("reads a later time today as today", () => {
    expect(startOf("25/11 10:30")).toBe("2026-11-25T10:30:00.000Z");
  });
});

describe("parseMeetingTime: refusals", () => {
  it.each([
    ["yesterday 10:00", /Tuesday 24 November 2026 at 10:00 has passed/],
    ["today 09:00", /has passed/],
    ["25/11 09:59", /has passed/],
    ["1/1/2026 10:00", /has passed/],
    ["blah", /couldn't read "blah"/],
    ["", /say when the meeting starts/],
    ["next Tuesday", /needs both a day and a time/],
    ["10:00", /needs both a day and a time/],
    ["2/12", /needs both a day and a time/],
    ["2/12 14", /"14" as a time of day/],
    ["2/12 25:00", /"25:00" as a time of day/],
    ["2/12 13pm", /"13pm" as a time of day/],
    ["31/11 10:00", /isn't a real date: that month has 30 days/],
    ["12/31 10:00", /no month 31/],
    ["25/11/2028 10:00", /more than a year away/],
    ["28/3/2027 01:30", /does not exist: the clocks go forward/],
    ["Tuesday 10:00 to 11:00", /start time only/],
    ["x".repeat(101), /too long/],
  ])("%s", (text, expected) => {
    expect(refusalOf(text)).toMatch(expected);
  });
});

describe("parseMeetingTime: the server's own time zone does not matter", () => {
  const serverZone = process.env.TZ;
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it.each(["Pacific/Kiritimati", "America/Los_Angeles"])("%s", (zone) => {
    process.env.TZ = zone;
    expect(new Date(2026, 6, 16).getTimezoneOffset()).not.toBe(0);
    expect(startOf("tomorrow at 10:00", summerMorning)).toBe("2026-07-16T09:00:00.000Z");
    expect(startOf("Friday 14:00", summerMorning)).toBe("2026-07-17T13:00:00.000Z");
  });
});
