import { describe, expect, it } from "vitest";
import { ACTION_STATUSES, type ActionStatus, canMoveAction } from "../src/core/actions/status.js";
import { priorityOf, REVIEW_INTERVAL_DAYS, type Score } from "../src/core/problems/priority.js";
import { canMoveProblem, PROBLEM_STATUSES, type ProblemStatus } from "../src/core/problems/status.js";

const scores: Score[] = [1, 2, 3, 4];

describe("priority", () => {
  // The whole table from DESIGN.md: harm down, likelihood across; without, then with a vulnerable person.
  const withoutVulnerable = [
    ["GREEN", "GREEN", "GREEN", "AMBER"],
    ["GREEN", "AMBER", "AMBER", "AMBER"],
    ["GREEN", "AMBER", "RED", "RED"],
    ["AMBER", "AMBER", "RED", "RED"],
  ];
  const withVulnerable = [
    ["GREEN", "GREEN", "GREEN", "AMBER"],
    ["GREEN", "AMBER", "AMBER", "AMBER"],
    ["RED", "RED", "RED", "RED"],
    ["RED", "RED", "RED", "RED"],
  ];
  for (const harm of scores) {
    for (const likelihood of scores) {
      it(`harm ${harm} x likelihood ${likelihood}`, () => {
        expect(priorityOf(harm, likelihood, false)).toBe(withoutVulnerable[harm - 1]?.[likelihood - 1]);
        expect(priorityOf(harm, likelihood, true)).toBe(withVulnerable[harm - 1]?.[likelihood - 1]);
      });
    }
  }

  it("reviews RED every 14 days, AMBER every 28, GREEN every 56", () => {
    expect(REVIEW_INTERVAL_DAYS).toEqual({ RED: 14, AMBER: 28, GREEN: 56 });
  });
});

describe("problem status", () => {
  const allowed: [ProblemStatus, ProblemStatus][] = [
    ["RAISED", "TRIAGED"],
    ["RAISED", "CONVENED"],
    ["RAISED", "ACTIVE"],
    ["RAISED", "CLOSED"],
    ["TRIAGED", "CONVENED"],
    ["TRIAGED", "ACTIVE"],
    ["TRIAGED", "ESCALATED"],
    ["TRIAGED", "CLOSED"],
    ["CONVENED", "ACTIVE"],
    ["CONVENED", "ESCALATED"],
    ["CONVENED", "CLOSED"],
    ["ACTIVE", "ESCALATED"],
    ["ACTIVE", "REVIEW"],
    ["ACTIVE", "CLOSED"],
    ["ESCALATED", "ACTIVE"],
    ["ESCALATED", "REVIEW"],
    ["ESCALATED", "CLOSED"],
    ["REVIEW", "ACTIVE"],
    ["REVIEW", "ESCALATED"],
    ["REVIEW", "CLOSED"],
    ["CLOSED", "ACTIVE"],
  ];
  for (const from of PROBLEM_STATUSES) {
    for (const to of PROBLEM_STATUSES) {
      const expected = allowed.some(([a, b]) => a === from && b === to);
      it(`${from} -> ${to} is ${expected ? "allowed" : "refused"}`, () => {
        expect(canMoveProblem(from, to)).toBe(expected);
      });
    }
  }
});

describe("action status", () => {
  const allowed: [ActionStatus, ActionStatus][] = [
    ["PROPOSED", "ACCEPTED"],
    ["PROPOSED", "DECLINED"],
    ["PROPOSED", "CANCELLED"],
    ["ACCEPTED", "DONE"],
    ["ACCEPTED", "CANCELLED"],
    ["ACCEPTED", "PROPOSED"],
    ["DECLINED", "PROPOSED"],
    ["DECLINED", "CANCELLED"],
  ];
  for (const from of ACTION_STATUSES) {
    for (const to of ACTION_STATUSES) {
      const expected = allowed.some(([a, b]) => a === from && b === to);
      it(`${from} -> ${to} is ${expected ? "allowed" : "refused"}`, () => {
        expect(canMoveAction(from, to)).toBe(expected);
      });
    }
  }
});
