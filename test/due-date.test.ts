import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { addCalendarDays, calendarDayInZone, parseDueDate } from "../src/core/time/due-date.js";

// Wednesday 25 November 2026, 10:00 in London (GMT).
const wednesday = new Date("2026-11-25T10:00:00Z");
// Wednesday 15 July 2026, 23:30 UTC: already Thursday 16 July, 00:30 BST, in London.
const lateSummerNight = new Date("2026-07-15T23:30:00Z");

function dateOf(text: string, now = wednesday): string {
  const result = parseDueDate(text, now);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
  return result.date;
}

function refusalOf(text: string, now = wednesday): string {
  const result = parseDueDate(text, now);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.date}`);
  return result.message;
}

function ukFormat(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${day}/${month}/${year}`;
}

describe("parseDueDate: the forms people type", () => {
  it.each([
    ["today", "2026-11-25"],
    ["tomorrow", "2026-11-26"],
    ["Friday", "2026-11-27"],
    ["next Friday", "2026-12-04"],
    ["in 3 days", "2026-11-28"],
    ["in 2 weeks", "2026-12-09"],
    ["31/12", "2026-12-31"],
    ["31/12/2026", "2026-12-31"],
    ["31/12/26", "2026-12-31"],
    ["2026-12-31", "2026-12-31"],
    ["31 December", "2026-12-31"],
    ["31 Dec 2026", "2026-12-31"],
    ["03/04/2027", "2027-04-03"],
    ["3/4/27", "2027-04-03"],
    ["31.12.2026", "2026-12-31"],
    ["31-12-2026", "2026-12-31"],
    ["29/02/2028", "2028-02-29"],
  ])("reads %s", (text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  it("takes next year for a day and month that have passed this year, and today for today's", () => {
    expect(dateOf("24/11")).toBe("2027-11-24");
    expect(dateOf("1/1")).toBe("2027-01-01");
    expect(dateOf("25/11")).toBe("2026-11-25");
  });

  it("reads 29/02 without a year as the next 29 February there is", () => {
    expect(dateOf("29/02", new Date("2027-06-01T10:00:00Z"))).toBe("2028-02-29");
  });

  it("ignores case, surrounding spaces, a leading 'by', 'on' or 'due' and a full stop", () => {
    expect(dateOf("  TOMORROW  ")).toBe("2026-11-26");
    expect(dateOf("by Friday")).toBe("2026-11-27");
    expect(dateOf("due on 31/12")).toBe("2026-12-31");
    expect(dateOf("friday.")).toBe("2026-11-27");
  });

  it("counts days in London, not in UTC: at 23:30 UTC on a summer night it is already tomorrow", () => {
    expect(dateOf("today", lateSummerNight)).toBe("2026-07-16");
    expect(dateOf("tomorrow", lateSummerNight)).toBe("2026-07-17");
    expect(dateOf("Friday", lateSummerNight)).toBe("2026-07-17");
    expect(dateOf("16/07/2026", lateSummerNight)).toBe("2026-07-16");
    expect(refusalOf("15/07/2026", lateSummerNight)).toBe(
      "15/07/2026 is in the past. A due date must be today or later.",
    );
  });

  it("uses the time zone it is given", () => {
    expect(dateOf("today", lateSummerNight)).toBe("2026-07-16");
    const inNewYork = parseDueDate("today", lateSummerNight, "America/New_York");
    expect(inNewYork).toEqual({ ok: true, date: "2026-07-15" });
  });
});

describe("parseDueDate: refusals", () => {
  it.each([
    ["yesterday", "24/11/2026 is in the past."],
    ["31/01/2026", "31/01/2026 is in the past."],
    ["2026-11-24", "24/11/2026 is in the past."],
  ])("refuses %s as in the past", (text, start) => {
    expect(refusalOf(text)).toMatch(new RegExp(`^${start.replaceAll(".", "\\.")}`));
  });

  it.each([
    ["31/02/2027", '"31/02/2027" isn\'t a real date: February 2027 has 28 days.'],
    ["2027-02-30", '"2027-02-30" isn\'t a real date: February 2027 has 28 days.'],
    ["29/02/2027", '"29/02/2027" isn\'t a real date: February 2027 has 28 days.'],
    ["31/11/2027", '"31/11/2027" isn\'t a real date: November 2027 has 30 days.'],
    ["0/12/2027", '"0/12/2027" isn\'t a real date: December 2027 has 31 days.'],
    ["13/13/2027", '"13/13/2027" isn\'t a real date: there is no month 13 (dates go day/month/year).'],
  ])("refuses the impossible date %s instead of rolling it over", (text, message) => {
    expect(refusalOf(text)).toBe(message);
  });

  it("never reads numbers month first, as chrono's en-GB parser would for 12/31/2026 or 2026-13-01", () => {
    expect(refusalOf("12/31/2026")).toContain("there is no month 31");
    expect(refusalOf("2026-13-01")).toContain("there is no month 13");
  });

  it("asks for the day when only a month is named", () => {
    expect(refusalOf("December")).toMatch(/^Please give the day as well as the month/);
    // chrono would read this as 1 December 2031.
    expect(refusalOf("Dec 31")).toMatch(/^Please give the day as well as the month/);
  });

  it("refuses empty, over-long and unreadable text with examples", () => {
    expect(refusalOf("")).toBe("Please give a due date. Try next Friday, in 2 weeks, 31/12 or 2026-12-31.");
    expect(refusalOf("   ")).toMatch(/^Please give a due date/);
    expect(refusalOf(`${"next Friday ".repeat(9)}`)).toMatch(/^That is too long for a date/);
    expect(refusalOf("blah")).toBe(
      'I couldn\'t read "blah" as a date. Try next Friday, in 2 weeks, 31/12 or 2026-12-31.',
    );
  });

  it("refuses text that is more than a date rather than reading part of it", () => {
    expect(refusalOf("friday week")).toMatch(/^I couldn't read "friday week"/);
    expect(refusalOf("Fri 31/12")).toMatch(/^I couldn't read/);
    expect(refusalOf("31/12/2026/1")).toMatch(/^I couldn't read/);
  });

  it("refuses dates more than five years ahead", () => {
    expect(dateOf("25/11/2031")).toBe("2031-11-25");
    expect(refusalOf("26/11/2031")).toBe(
      "26/11/2031 is more than 5 years away. Please give a date up to 25/11/2031.",
    );
    expect(refusalOf("in 6 years")).toMatch(/^25\/11\/2032 is more than 5 years away/);
  });
});

describe("parseDueDate does not depend on the server's own time zone", () => {
  const serverZone = process.env.TZ;
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it.each(["Pacific/Kiritimati", "America/Los_Angeles", "Australia/Lord_Howe"])(
    "on a server in %s",
    (zone) => {
      process.env.TZ = zone;
      expect(new Date(2026, 6, 16).getTimezoneOffset()).not.toBe(0);
      expect(dateOf("today", lateSummerNight)).toBe("2026-07-16");
      expect(dateOf("Friday", lateSummerNight)).toBe("2026-07-17");
      expect(dateOf("in 2 weeks")).toBe("2026-12-09");
      expect(dateOf("next Friday")).toBe("2026-12-04");
      expect(dateOf("31/12")).toBe("2026-12-31");
    },
  );
});

describe("calendarDayInZone and addCalendarDays", () => {
  it("gives the day in the zone, across both clock changes", () => {
    expect(calendarDayInZone(lateSummerNight, "Europe/London")).toBe("2026-07-16");
    expect(calendarDayInZone(lateSummerNight, "UTC")).toBe("2026-07-15");
    expect(calendarDayInZone(new Date("2026-11-25T23:30:00Z"), "Europe/London")).toBe("2026-11-25");
    expect(calendarDayInZone(new Date("2026-03-28T23:30:00Z"), "Europe/London")).toBe("2026-03-28");
    expect(calendarDayInZone(new Date("2026-03-29T23:30:00Z"), "Europe/London")).toBe("2026-03-30");
    expect(calendarDayInZone(new Date("2026-10-25T23:30:00Z"), "Europe/London")).toBe("2026-10-25");
  });

  it("adds and subtracts days across months, years and leap days", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addCalendarDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addCalendarDays("2026-11-25", 0)).toBe("2026-11-25");
    expect(addCalendarDays("0050-12-31", 1)).toBe("0051-01-01");
  });

  it("refuses a day that is not YYYY-MM-DD", () => {
    expect(() => addCalendarDays("25/11/2026", 1)).toThrow(RangeError);
  });
});

describe("parseDueDate properties", () => {
  const anyNow = fc.date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date("2035-12-31T23:59:59Z"),
    noInvalidDate: true,
  });
  const today = (now: Date) => calendarDayInZone(now, "Europe/London");

  it("reads any day in the coming year, written DD/MM/YYYY or ISO, back as exactly that day", () => {
    fc.assert(
      fc.property(anyNow, fc.integer({ min: 0, max: 365 }), (now, offset) => {
        const day = addCalendarDays(today(now), offset);
        expect(parseDueDate(ukFormat(day), now)).toEqual({ ok: true, date: day });
        expect(parseDueDate(day, now)).toEqual({ ok: true, date: day });
      }),
    );
  });

  it("refuses any day before today, naming it", () => {
    fc.assert(
      fc.property(anyNow, fc.integer({ min: 1, max: 3650 }), (now, daysAgo) => {
        const day = ukFormat(addCalendarDays(today(now), -daysAgo));
        expect(parseDueDate(day, now)).toEqual({
          ok: false,
          message: `${day} is in the past. A due date must be today or later.`,
        });
      }),
    );
  });

  it("reads 'in N days' as today plus N calendar days", () => {
    fc.assert(
      fc.property(anyNow, fc.integer({ min: 1, max: 300 }), (now, n) => {
        expect(parseDueDate(`in ${n} days`, now)).toEqual({ ok: true, date: addCalendarDays(today(now), n) });
      }),
    );
  });

  it("never answers a day before today, whatever is typed", () => {
    const phrases = fc.constantFrom(
      "today",
      "tomorrow",
      "yesterday",
      "Monday",
      "next Sunday",
      "last Friday",
      "in 3 days",
      "3 days ago",
      "1/1",
      "31/12",
      "29/02",
      "next week",
      "in 2 hours",
      "9am",
    );
    fc.assert(
      fc.property(anyNow, fc.oneof(phrases, fc.string({ maxLength: 20 })), (now, text) => {
        const result = parseDueDate(text, now);
        if (result.ok) {
          expect(result.date >= today(now)).toBe(true);
          expect(result.date <= addCalendarDays(today(now), 5 * 366)).toBe(true);
        } else {
          expect(result.message).not.toBe("");
        }
      }),
    );
  });

  it("adding then taking away N days returns the same day", () => {
    fc.assert(
      fc.property(anyNow, fc.integer({ min: -4000, max: 4000 }), (now, n) => {
        const day = today(now);
        expect(addCalendarDays(addCalendarDays(day, n), -n)).toBe(day);
      }),
    );
  });
});
