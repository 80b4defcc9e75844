import { execFile } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../src/core/actor.js";
import { AccessDenied, InvalidInput } from "../src/core/errors.js";
import { createServices } from "../src/services.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const fireRisk = { area: "CRA", category: "fire risk", harm: 2, likelihood: 2 };

describe("problems", () => {
  let workflow: Workflow;
  let officer: Actor;
  let coordinator: Actor;

  beforeEach(async () => {
    workflow = await openWorkflow();
    officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
  });
  afterEach(async () => workflow.temp.dispose());

  it("gives every one of many concurrent raises its own reference, across processes", async () => {
    // Real separate processes: better-sqlite3 is synchronous, so two clients in one process would
    // wait on each other's lock inside one event loop, which no deployment does.
    const raiseInChild = () =>
      new Promise<string[]>((resolve, reject) => {
        execFile(
          process.execPath,
          [
            "--import",
            "tsx",
            "test/support/raise-many.ts",
            workflow.temp.databaseUrl,
            "sam.holmes@nyfrs.example",
            "10",
            workflow.clock.now.toISOString(),
          ],
          { timeout: 60_000 },
          (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as string[])),
        );
      });
    const [first, second, here] = await Promise.all([
      raiseInChild(),
      raiseInChild(),
      Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          workflow.problems.raise(officer, { ...fireRisk, title: `Here ${i}` }),
        ),
      ),
    ]);
    const refs = [...first, ...second, ...here.map((result) => result.problem.ref)].sort();
    expect(refs).toHaveLength(24);
    expect(new Set(refs).size).toBe(24);
    expect(refs[0]).toBe("CRA-2026-0001");
    expect(refs[23]).toBe("CRA-2026-0024");
  });

  it("numbers each area and year separately", async () => {
    const craven = await workflow.problems.raise(officer, { ...fireRisk, title: "Craven problem" });
    const demo = await workflow.actorFor("demo@ldg.example");
    const york = await workflow.problems.raise(demo, { ...fireRisk, area: "YRK", title: "York problem" });
    workflow.clock.now = new Date("2027-01-04T10:00:00Z");
    const nextYear = await workflow.problems.raise(officer, { ...fireRisk, title: "Craven next year" });
    expect([craven.problem.ref, york.problem.ref, nextYear.problem.ref]).toEqual([
      "CRA-2026-0001",
      "YRK-2026-0001",
      "CRA-2027-0001",
    ]);
  });

  it("creates one problem for a retried raise with the same client key, even at the same moment", async () => {
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        workflow.problems.raise(officer, { ...fireRisk, title: "Double click", clientKey: "k-1" }),
      ),
    );
    expect(new Set(attempts.map((attempt) => attempt.problem.id)).size).toBe(1);
    expect(await workflow.temp.store.problem.count()).toBe(1);
  });

  it("reads days in the configured time zone", async () => {
    // 12:00 UTC on 25 November is already 26 November at UTC+14.
    const services = createServices(workflow.temp.store, {
      timeZone: "Pacific/Kiritimati",
      now: () => workflow.clock.now,
    });
    const { problem } = await services.problems.raise(officer, {
      ...fireRisk,
      harm: 1,
      likelihood: 1,
      title: "Far east",
    });
    expect(problem.nextReviewOn).toBe("2027-01-21");
    const london = await workflow.problems.raise(officer, {
      ...fireRisk,
      harm: 1,
      likelihood: 1,
      title: "Here",
    });
    expect(london.problem.nextReviewOn).toBe("2027-01-20");
  });

  it("refuses bad input clearly and writes nothing", async () => {
    const bad = workflow.problems.raise(officer, {
      title: "",
      area: "CRA",
      category: "knitting",
      harm: 5,
      likelihood: 0,
      locationReference: "not a postcode",
    });
    await expect(bad).rejects.toBeInstanceOf(InvalidInput);
    await expect(bad).rejects.toThrow(/title.*category.*harm.*likelihood.*locationReference/s);
    await expect(
      workflow.problems.raise(officer, { ...fireRisk, area: "ZZZ", title: "Nowhere" }),
    ).rejects.toThrow(/not an area/);
    expect(await workflow.temp.store.problem.count()).toBe(0);
    expect(await workflow.temp.store.outboxMessage.count()).toBe(0);
  });

  it("sets the next review by priority and moves it when the priority changes", async () => {
    const { problem } = await workflow.problems.raise(officer, {
      ...fireRisk,
      harm: 1,
      likelihood: 2,
      title: "Litter",
    });
    expect(problem).toMatchObject({ priority: "GREEN", nextReviewOn: "2027-01-20" });
    const amber = await workflow.problems.rescore(officer, problem.ref, { harm: 2 });
    expect(amber).toMatchObject({ priority: "AMBER", nextReviewOn: "2026-12-23" });
    const red = await workflow.problems.rescore(coordinator, problem.ref, {
      harm: 3,
      vulnerablePerson: true,
    });
    expect(red).toMatchObject({ priority: "RED", nextReviewOn: "2026-12-09" });
  });

  it("shows personal details only to people in the problem, auditing every read and refusal", async () => {
    const { problem } = await workflow.problems.raise(officer, {
      ...fireRisk,
      title: "Hoarding fire risk",
      victimOrTarget: "Older man living alone at number 4",
    });
    const read = await workflow.problems.details(coordinator, problem.ref);
    expect(read.details.victimOrTarget).toBe("Older man living alone at number 4");

    const outsider = await workflow.actorFor("coordinator.harrogate@ldg.example");
    await expect(workflow.problems.details(outsider, problem.ref)).rejects.toBeInstanceOf(AccessDenied);
    const policeSpoc = await workflow.actorFor("rachel.moorhouse@nypolice.example");
    await expect(workflow.problems.details(policeSpoc, problem.ref)).rejects.toBeInstanceOf(AccessDenied);
    await workflow.problems.addPartner(coordinator, problem.ref, "North Yorkshire Police");
    expect((await workflow.problems.details(policeSpoc, problem.ref)).details.victimOrTarget).toContain(
      "number 4",
    );

    const verbs = await workflow.temp.store.auditEvent.findMany({
      where: { entityId: problem.id, verb: { startsWith: "problem.details" } },
      orderBy: { at: "asc" },
    });
    expect(verbs.map((event) => event.verb)).toEqual([
      "problem.details.read",
      "problem.details.refused",
      "problem.details.refused",
      "problem.details.read",
    ]);
  });

  describe("access by role", () => {
    it("lets only the area's officers and coordinators raise there", async () => {
      const spoc = await workflow.actorFor("joanne.hirst@nyfrs.example");
      await expect(
        workflow.problems.raise(spoc, { ...fireRisk, title: "Not mine to raise" }),
      ).rejects.toBeInstanceOf(AccessDenied);
      const harrogate = await workflow.actorFor("coordinator.harrogate@ldg.example");
      await expect(
        workflow.problems.raise(harrogate, { ...fireRisk, title: "Wrong area" }),
      ).rejects.toBeInstanceOf(AccessDenied);
      expect(
        (await workflow.problems.raise(coordinator, { ...fireRisk, title: "Coordinator raises" })).created,
      ).toBe(true);
    });

    it("keeps partners, escalation and closing with the coordinator, and edits with the raiser", async () => {
      const { problem } = await workflow.problems.raise(officer, { ...fireRisk, title: "Access check" });
      const spoc = await workflow.actorFor("rachel.moorhouse@nypolice.example");
      const board = await workflow.actorFor("michael.hartley@nypolice.example");
      for (const actor of [officer, spoc, board]) {
        await expect(
          workflow.problems.addPartner(actor, problem.ref, "North Yorkshire Police"),
        ).rejects.toBeInstanceOf(AccessDenied);
        await expect(
          workflow.problems.escalate(actor, problem.ref, "Needs strategic help"),
        ).rejects.toBeInstanceOf(AccessDenied);
        await expect(
          workflow.problems.close(actor, problem.ref, { outcome: "Sorted out", assessment: "It worked" }),
        ).rejects.toBeInstanceOf(AccessDenied);
      }
      await expect(workflow.problems.rescore(spoc, problem.ref, { harm: 4 })).rejects.toBeInstanceOf(
        AccessDenied,
      );
      await expect(workflow.problems.show(board, problem.ref)).rejects.toBeInstanceOf(AccessDenied);

      await workflow.problems.moveTo(coordinator, problem.ref, "TRIAGED");
      const escalated = await workflow.problems.escalate(
        coordinator,
        problem.ref,
        "Needs the board's help with funding",
      );
      expect(escalated.status).toBe("ESCALATED");
      expect((await workflow.problems.show(board, problem.ref)).ref).toBe(problem.ref);
      const boardMessages = await workflow.temp.store.outboxMessage.count({
        where: { kind: "problem.escalated" },
      });
      expect(boardMessages).toBeGreaterThan(0);

      const closed = await workflow.problems.close(coordinator, problem.ref, {
        outcome: "Handed to the council",
        assessment: "Reduced: calls down by half",
      });
      expect(closed.status).toBe("CLOSED");
      await expect(
        workflow.problems.close(coordinator, problem.ref, { outcome: "again", assessment: "again!" }),
      ).rejects.toThrow(/already closed/);
      const reopened = await workflow.problems.reopen(coordinator, problem.ref, "Fires have started again");
      expect(reopened).toMatchObject({ status: "ACTIVE", closedAt: null });
    });
  });
});
