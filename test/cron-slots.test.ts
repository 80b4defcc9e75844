// Fire times backwards and forwards in Europe/London, across the clocks changing.
import { describe, expect, it } from "vitest";
import { CronSlots, isFiveFieldCron } from "../src/schedule/cron-slots.js";

describe("cron slots", () => {
  it("finds the slot before a moment, the moment itself included", () => {
    const weekdays = new CronSlots("0 8,13 * * 1-5", "Europe/London");
    // Monday 30 November 2026, 07:59: the last slot was Friday's 13:00.
    expect(weekdays.previous(new Date("2026-11-30T07:59:00Z"))).toEqual(new Date("2026-11-27T13:00:00Z"));
    expect(weekdays.previous(new Date("2026-11-30T08:00:00Z"))).toEqual(new Date("2026-11-30T08:00:00Z"));
    const monthly = new CronSlots("0 8 1 * *", "Europe/London");
    expect(monthly.previous(new Date("2026-11-26T00:10:00Z"))).toEqual(new Date("2026-11-01T08:00:00Z"));
  });

  it("reads the expression on UK time, summer and winter", () => {
    const weekdays = new CronSlots("0 8,13 * * 1-5", "Europe/London");
    // The clocks go forward on Sunday 29 March 2026: 08:00 is 08:00 UTC on Friday, 07:00 UTC on Monday.
    expect(weekdays.next(new Date("2026-03-27T12:00:00Z"), 3)).toEqual([
      new Date("2026-03-27T13:00:00Z"),
      new Date("2026-03-30T07:00:00Z"),
      new Date("2026-03-30T12:00:00Z"),
    ]);
    expect(weekdays.previous(new Date("2026-10-26T07:30:00Z"))).toEqual(new Date("2026-10-23T12:00:00Z"));
  });

  it("gives nothing beyond its lookback, and accepts only five-field expressions", () => {
    const yearly = new CronSlots("0 8 1 1 *", "Europe/London");
    expect(yearly.previous(new Date("2026-11-26T00:00:00Z"), 40)).toBeNull();
    expect(isFiveFieldCron("0 8 * * 1")).toBe(true);
    expect(isFiveFieldCron("0 0 8 * * 1")).toBe(false);
    expect(isFiveFieldCron("every monday")).toBe(false);
    expect(() => new CronSlots("61 8 * * *", "Europe/London")).toThrow(RangeError);
  });
});
