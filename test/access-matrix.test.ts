// Each role against each use case on one problem: allowed ones succeed, refused ones are refused
// with AccessDenied and write nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionView } from "../src/core/actions/actions.js";
import type { Actor } from "../src/core/actor.js";
import { AccessDenied } from "../src/core/errors.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const PEOPLE = {
  assignee: "rachel.moorhouse@nypolice.example",
  deputyOfAssigneesOrganisation: "tom.hebden@nypolice.example",
  otherOrganisationsSpoc: "joanne.hirst@nyfrs.example",
  raisingOfficer: "sam.holmes@nyfrs.example",
  coordinator: "coordinator.craven@ldg.example",
  otherAreasCoordinator: "coordinator.harrogate@ldg.example",
  boardMember: "michael.hartley@nypolice.example",
} as const;
type Person = keyof typeof PEOPLE;

type UseCase = (workflow: Workflow, actor: Actor, ref: string, action: ActionView) => Promise<unknown>;

const USE_CASES: Record<string, { run: UseCase; allowed: Person[] }> = {
  "accept an action": {
    run: (w, actor, _ref, action) => w.actions.accept(actor, action.id),
    allowed: ["assignee", "deputyOfAssigneesOrganisation", "coordinator"],
  },
  "decline an action": {
    run: (w, actor, _ref, action) => w.actions.decline(actor, action.id, "Not our responsibility"),
    allowed: ["assignee", "deputyOfAssigneesOrganisation", "coordinator"],
  },
  "update an action": {
    run: (w, actor, _ref, action) => w.actions.addUpdate(actor, action.id, "Progress so far"),
    allowed: ["assignee", "deputyOfAssigneesOrganisation", "coordinator"],
  },
  "mark an action done": {
    run: async (w, actor, _ref, action) => {
      await w.actions.accept(await w.actorFor(PEOPLE.assignee), action.id);
      return w.actions.done(actor, action.id, "Finished the work");
    },
    allowed: ["assignee", "deputyOfAssigneesOrganisation", "coordinator"],
  },
  "reassign an action": {
    run: (w, actor, _ref, action) =>
      w.actions.reassign(actor, action.id, { organisation: "Yorkshire Housing" }),
    allowed: ["coordinator"],
  },
  "cancel an action": {
    run: (w, actor, _ref, action) => w.actions.cancel(actor, action.id, "No longer needed"),
    allowed: ["coordinator"],
  },
  "task an action": {
    run: (w, actor, ref) =>
      w.actions.task(actor, ref, {
        text: "Another job",
        organisation: "North Yorkshire Police",
        due: "in 3 days",
      }),
    allowed: ["coordinator"],
  },
  "update the problem": {
    run: (w, actor, ref) => w.problems.update(actor, ref, { description: "More detail" }),
    allowed: ["raisingOfficer", "coordinator"],
  },
  "see the problem": {
    run: (w, actor, ref) => w.problems.show(actor, ref),
    allowed: ["assignee", "deputyOfAssigneesOrganisation", "raisingOfficer", "coordinator"],
  },
  "read its personal details": {
    run: (w, actor, ref) => w.problems.details(actor, ref),
    allowed: ["assignee", "deputyOfAssigneesOrganisation", "raisingOfficer", "coordinator"],
  },
};

describe("access matrix", () => {
  let workflow: Workflow;
  let ref: string;
  const actors = {} as Record<Person, Actor>;

  beforeAll(async () => {
    workflow = await openWorkflow();
    for (const [person, email] of Object.entries(PEOPLE))
      actors[person as Person] = await workflow.actorFor(email);
    const raised = await workflow.problems.raise(actors.raisingOfficer, {
      title: "Drug dealing from a vacant flat",
      area: "CRA",
      category: "drugs",
      harm: 3,
      likelihood: 2,
      offender: "Two men in a grey car",
    });
    ref = raised.problem.ref;
  });
  afterAll(async () => workflow.temp.dispose());

  for (const [useCase, { run, allowed }] of Object.entries(USE_CASES)) {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const expected = allowed.includes(person);
      it(`${person} ${expected ? "may" : "may not"} ${useCase}`, async () => {
        const action = await workflow.actions.task(actors.coordinator, ref, {
          text: `Visit the flat (${useCase}, ${person})`,
          organisation: "North Yorkshire Police",
          due: "next Friday",
        });
        const auditBefore = await workflow.temp.store.auditEvent.count({
          where: { verb: { not: { startsWith: "problem.details" } } },
        });
        const attempt = run(workflow, actors[person], ref, action);
        if (expected) {
          await expect(attempt).resolves.toBeDefined();
        } else {
          await expect(attempt).rejects.toBeInstanceOf(AccessDenied);
          const auditAfter = await workflow.temp.store.auditEvent.count({
            where: { verb: { not: { startsWith: "problem.details" } } },
          });
          // "mark done" accepts first as the assignee: that one change is expected.
          expect(auditAfter - auditBefore).toBe(useCase === "mark an action done" ? 1 : 0);
        }
      });
    }
  }
});
