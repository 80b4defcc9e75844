// The chase run's read of candidate actions goes in pages along each condition's index column. A
// county has thousands of actions on one due day or proposed in one instant, so the pages must
// break ties by id: every candidate read exactly once, none skipped at a page boundary.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CHASE_POLICY } from "../src/core/chasing/policy.js";
import { chaseWindow } from "../src/core/chasing/window.js";
import { addCalendarDays } from "../src/core/time/due-date.js";
import { PrismaChaseRepository } from "../src/store/chase-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const TODAY = "2026-11-25";
/** More than one page (2,000 rows) on each condition, all sharing the value the pages run along. */
const PER_CONDITION = 2_345;

let temp: TempStore;

beforeEach(async () => {
  temp = await openTempStore();
});

afterEach(async () => {
  await temp.dispose();
});

async function seedProblem() {
  const { store } = temp;
  const area = await store.area.create({ data: { code: "PAG", name: "Paging", board: "Board" } });
  const organisation = await store.organisation.create({
    data: { name: "Fire", nameKey: "fire", kind: "FIRE" },
  });
  const raiser = await store.contact.create({
    data: {
      name: "Officer",
      nameKey: "officer",
      email: "officer@example.org",
      organisationId: organisation.id,
    },
  });
  const problem = await store.problem.create({
    data: {
      ref: "PAG-2026-0001",
      areaId: area.id,
      title: "Paging",
      category: "ASB",
      harm: 2,
      likelihood: 2,
      priority: "AMBER",
      status: "ACTIVE",
      nextReviewOn: new Date(`${TODAY}T00:00:00Z`),
      raisedById: raiser.id,
    },
  });
  return { problemId: problem.id, organisationId: organisation.id, createdById: raiser.id };
}

describe("reading the actions a chase run considers", () => {
  it("reads every candidate once across pages of equal due days and proposal times", async () => {
    const owner = await seedProblem();
    const window = chaseWindow(TODAY, [DEFAULT_CHASE_POLICY]);
    const overdueDay = window.overdueDueDays[0] as string;
    const proposedAt = new Date(`${addCalendarDays(window.proposedFrom, 0)}T10:00:00Z`);
    const rows = (prefix: string, status: "PROPOSED" | "ACCEPTED", dueOn: string, updatedAt: Date) =>
      Array.from({ length: PER_CONDITION }, (_, i) => ({
        id: `${prefix}${String(i).padStart(5, "0")}`,
        ...owner,
        text: `Action ${prefix}${i}`,
        status,
        dueOn: new Date(`${dueOn}T00:00:00Z`),
        updatedAt,
      }));
    const farFuture = addCalendarDays(TODAY, 200);
    await temp.store.action.createMany({
      data: [
        // Proposed in the same instant, due far ahead: only the proposal window finds them.
        ...rows("p", "PROPOSED", farFuture, proposedAt),
        // Accepted and overdue on one day.
        ...rows("o", "ACCEPTED", overdueDay, proposedAt),
        // Accepted and due today: the due-soon range.
        ...rows("t", "ACCEPTED", TODAY, proposedAt),
        // Done: never a candidate.
        ...rows("d", "ACCEPTED", TODAY, proposedAt).map((row) => ({
          ...row,
          id: `x${row.id}`,
          status: "DONE" as const,
        })),
      ],
    });

    const actions = await new PrismaChaseRepository(temp.store).actionsToChase(window);

    const ids = actions.map((action) => action.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const prefix of ["p", "o", "t"]) {
      expect(ids.filter((id) => id.startsWith(prefix))).toHaveLength(PER_CONDITION);
    }
    expect(ids.some((id) => id.startsWith("x"))).toBe(false);
  });
});
