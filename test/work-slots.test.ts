// Work after a Slack ack waits for a slot: never more at once than there are slots, every piece run
// once, and a failure gives its slot back.
import { describe, expect, it } from "vitest";
import { WorkSlots } from "../src/slack/work-slots.js";

describe("work slots", () => {
  it("runs at most N pieces of work at once, all of them in the end, and frees the slot of one that fails", async () => {
    const slots = new WorkSlots({ slots: 2 });
    let running = 0;
    let most = 0;
    const piece = (i: number) =>
      slots.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (i % 4 === 0) throw new Error(`piece ${i} failed`);
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => piece(i)));
    expect(most).toBe(2);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(3);
    expect(results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []))).toEqual([
      1, 2, 3, 5, 6, 7, 9, 10, 11,
    ]);
    // Every slot came back: more work still runs.
    expect(await slots.run(async () => "after")).toBe("after");
  });

  it("waits for a lull in arrivals before working, but no longer than its limit", async () => {
    const slots = new WorkSlots({ slots: 2, lullMs: 40, maxWaitMs: 400 });
    slots.arrived();
    const arriving = setInterval(() => slots.arrived(), 10);
    const started = performance.now();
    setTimeout(() => clearInterval(arriving), 150);
    const startedWorkAt = await slots.run(async () => performance.now() - started);
    // The last arrival was at 140 or 150 ms; the work began one lull after it.
    expect(startedWorkAt).toBeGreaterThanOrEqual(140 + 40 - 5);
    expect(startedWorkAt).toBeLessThan(400);

    slots.arrived();
    const endless = setInterval(() => slots.arrived(), 10);
    const again = performance.now();
    const waited = await slots.run(async () => performance.now() - again);
    clearInterval(endless);
    expect(waited).toBeGreaterThanOrEqual(400 - 5);
    expect(waited).toBeLessThan(1_000);
  });
});
