// The chase ladder by policy, decided from plain data, and an area's own policy set by an admin.
import { describe, expect, it } from "vitest";
import { operatorActor } from "../src/core/actor.js";
import { AreaChasePolicies } from "../src/core/chasing/area-policy.js";
import { decideChases } from "../src/core/chasing/decide.js";
import { type ChaseAction, stepKey } from "../src/core/chasing/model.js";
import { type ChasePolicy, DEFAULT_CHASE_POLICY, policyFor } from "../src/core/chasing/policy.js";
import { chaseWindow } from "../src/core/chasing/window.js";
import { outsideWorkingHours } from "../src/core/chasing/working-hours.js";
import { configureExtraBankHolidays } from "../src/core/time/working-days.js";
import { PrismaAreaPolicyRepository } from "../src/store/area-policy-repository.js";
import { openWorkflow } from "./support/workflow.js";

const overdue: ChaseAction = {
  id: "a1",
  problemId: "p1",
  problem: { ref: "CRA-2026-0001", title: "Fires", priority: "RED", classification: "OFFICIAL" },
  areaId: "cra",
  text: "Fit bins",
  organisationName: "Fire",
  assigneeId: "spoc",
  status: "ACCEPTED",
  // Monday 2 November 2026.
  dueOn: "2026-11-02",
  proposedAt: new Date("2026-10-01T09:00:00Z"),
};

function stepsOn(today: string, policy: ChasePolicy) {
  const chases = decideChases({
    today,
    timeZone: "Europe/London",
    areas: new Map([["cra", { policy, coordinatorIds: ["coordinator"], boardMemberIds: ["board"] }]]),
    actions: [overdue],
    reviews: [],
    escalations: [],
    people: new Map([
      ["spoc", { id: "spoc", deputyId: null, awayUntil: null, retired: false }],
      ["coordinator", { id: "coordinator", deputyId: null, awayUntil: null, retired: false }],
    ]),
  });
  return [...chases.values()].flatMap((chase) =>
    chase.steps.map((step) => `${step.recipientId} ${step.step} ${step.occurrence}`),
  );
}

describe("the chase policy", () => {
  it("reminds on the first working day overdue and every third after, telling the coordinator at seven", () => {
    expect(stepsOn("2026-11-03", DEFAULT_CHASE_POLICY)).toEqual(["spoc overdue.reminder 2026-11-02#0"]);
    expect(stepsOn("2026-11-06", DEFAULT_CHASE_POLICY)).toEqual(["spoc overdue.reminder 2026-11-02#1"]);
    expect(stepsOn("2026-11-11", DEFAULT_CHASE_POLICY)).toEqual([
      "spoc overdue.reminder 2026-11-02#2",
      "coordinator overdue.coordinator 2026-11-02",
    ]);
  });

  it("follows an area's own counts, keeping the defaults for the rest", () => {
    const policy = policyFor({ overdueEveryDays: 5 });
    expect(policy).toEqual({ ...DEFAULT_CHASE_POLICY, overdueEveryDays: 5 });
    // 6 working days overdue on 10 November: the second reminder of a five-day rhythm.
    expect(stepsOn("2026-11-10", policy)).toEqual(["spoc overdue.reminder 2026-11-02#1"]);
    expect(policyFor({ overdueEveryDays: "often" })).toEqual(DEFAULT_CHASE_POLICY);
  });

  it("lets an admin set and reset an area's policy, refusing nonsense and auditing each change", async () => {
    const workflow = await openWorkflow();
    try {
      const policies = new AreaChasePolicies(new PrismaAreaPolicyRepository(workflow.temp.store));
      const admin = operatorActor("test");
      await expect(policies.set(admin, "CRA", { overdueEveryDays: 0 })).rejects.toThrow(
        /overdueEveryDays: Too small/,
      );
      await expect(policies.set(admin, "CRA", { overdueEvery: 5 })).rejects.toThrow(
        "overdueEvery: not a chasing count; the counts are unacceptedReminderDays, unacceptedEscalationDays, dueSoonDays, overdueEveryDays, overdueCoordinatorDays, overdueBoardDays",
      );
      await expect(policies.set(admin, "CRA", { overdueCoordinatorDays: 20 })).rejects.toThrow(
        "overdueBoardDays must be more than overdueCoordinatorDays",
      );
      const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
      await expect(policies.set(coordinator, "CRA", { overdueEveryDays: 5 })).rejects.toThrow(
        /Only an admin/,
      );
      expect(await policies.set(admin, "Craven", { overdueEveryDays: 5 })).toMatchObject({
        overdueEveryDays: 5,
      });
      expect((await policies.show("CRA")).policy.overdueEveryDays).toBe(5);
      await policies.set(admin, "CRA", null);
      expect((await policies.show("CRA")).policy).toEqual(DEFAULT_CHASE_POLICY);
      const audits = await workflow.temp.store.auditEvent.findMany({ where: { verb: "area.chase-policy" } });
      expect(audits.map((audit) => audit.after)).toEqual([{ overdueEveryDays: 5 }, null]);
    } finally {
      await workflow.temp.dispose();
    }
  });

  it("reads only the actions that may be due a step today", () => {
    // Wednesday 2 December 2026.
    const window = chaseWindow("2026-12-02", [DEFAULT_CHASE_POLICY]);
    expect(window).toMatchObject({ proposedBefore: "2026-12-01", dueSoonBy: "2026-12-04" });
    // Proposed up to 7 working days ago (4 to escalate, 3 to catch up): from Monday 23 November.
    expect(window.proposedFrom).toBe("2026-11-23");
    // Overdue 1, 4, 7 (and up to 10 for the coordinator's notice), 10, 13... working days.
    expect(window.overdueDueDays.slice(0, 8)).toEqual([
      "2026-12-01",
      "2026-11-26",
      "2026-11-23",
      "2026-11-22",
      "2026-11-21",
      "2026-11-20",
      "2026-11-19",
      "2026-11-18",
    ]);
  });

  it("skips a deployment's own extra days off as it skips bank holidays", () => {
    try {
      configureExtraBankHolidays(["2026-12-02"]);
      expect(outsideWorkingHours(new Date("2026-12-02T10:00:00Z"), "Europe/London")).toBe(
        "2026-12-02 is not a working day",
      );
      // With the 2nd off, an action due on the 1st is one working day overdue on the 3rd: reminded.
      expect(chaseWindow("2026-12-03", [DEFAULT_CHASE_POLICY]).overdueDueDays).toContain("2026-12-01");
    } finally {
      configureExtraBankHolidays([]);
    }
    expect(outsideWorkingHours(new Date("2026-12-02T10:00:00Z"), "Europe/London")).toBeNull();
    expect(chaseWindow("2026-12-03", [DEFAULT_CHASE_POLICY]).overdueDueDays).not.toContain("2026-12-01");
  });

  it("keeps a reminder the coordinators share as cover apart for each of them", () => {
    const chases = decideChases({
      today: "2026-11-03",
      timeZone: "Europe/London",
      areas: new Map([
        ["cra", { policy: DEFAULT_CHASE_POLICY, coordinatorIds: ["helen", "demo"], boardMemberIds: [] }],
      ]),
      actions: [overdue],
      reviews: [],
      escalations: [],
      people: new Map([
        ["spoc", { id: "spoc", deputyId: null, awayUntil: "2026-11-09", retired: false }],
        ["helen", { id: "helen", deputyId: null, awayUntil: null, retired: false }],
        ["demo", { id: "demo", deputyId: null, awayUntil: null, retired: false }],
      ]),
    });
    const keys = [...chases.values()].flatMap((chase) => chase.steps.map(stepKey));
    expect(keys).toEqual([
      "action:a1|overdue.reminder|2026-11-02#0|helen",
      "action:a1|overdue.reminder|2026-11-02#0|demo",
    ]);
    expect([...chases.values()].every((chase) => chase.items[0]?.covering === true)).toBe(true);
  });

  it("reminds the area's board of an escalation unanswered for 10 working days, then every 3", () => {
    const boardStepsOn = (today: string) => {
      const chases = decideChases({
        today,
        timeZone: "Europe/London",
        areas: new Map([
          [
            "cra",
            { policy: DEFAULT_CHASE_POLICY, coordinatorIds: ["coordinator"], boardMemberIds: ["m1", "m2"] },
          ],
        ]),
        actions: [],
        reviews: [],
        // Escalated on Monday 2 November 2026.
        escalations: [
          {
            problemId: "p1",
            problem: { ref: "CRA-2026-0001", title: "Dealing", priority: "RED", classification: "OFFICIAL" },
            areaId: "cra",
            escalatedAt: new Date("2026-11-02T09:00:00Z"),
          },
        ],
        people: new Map(),
      });
      return [...chases.values()].flatMap((chase) =>
        chase.steps.map((step) => `${step.recipientId} ${step.step} ${step.occurrence}`),
      );
    };
    expect(boardStepsOn("2026-11-13")).toEqual([]);
    expect(boardStepsOn("2026-11-16")).toEqual([
      "m1 escalation.unanswered 2026-11-02#0",
      "m2 escalation.unanswered 2026-11-02#0",
    ]);
    expect(boardStepsOn("2026-11-18")).toEqual(boardStepsOn("2026-11-16"));
    expect(boardStepsOn("2026-11-19")).toEqual([
      "m1 escalation.unanswered 2026-11-02#1",
      "m2 escalation.unanswered 2026-11-02#1",
    ]);
  });
});
