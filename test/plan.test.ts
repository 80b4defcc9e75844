// The operational plan: priority order, RAG derived when read, and the CLI's CSV and Markdown.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationalPlan } from "../src/core/problems/plan.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

describe("operational plan", () => {
  let workflow: Workflow;

  beforeAll(async () => {
    workflow = await openWorkflow();
    const officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    const raise = (title: string, harm: number, likelihood: number) =>
      workflow.problems.raise(officer, { title, area: "CRA", category: "asb", harm, likelihood });
    await raise("Old green problem", 1, 1);
    workflow.clock.now = new Date("2026-11-25T11:00:00Z");
    await raise("Amber problem", 2, 3);
    workflow.clock.now = new Date("2026-11-25T12:00:00Z");
    const red = await raise('=HYPERLINK("http://evil.example") red problem', 4, 4);
    await workflow.actions.task(coordinator, red.problem.ref, {
      text: "Patrols",
      organisation: "North Yorkshire Police",
      due: "26/11",
    });
  });
  afterAll(async () => workflow.temp.dispose());

  it("lists RED, then AMBER, then GREEN, with RAG derived from today", async () => {
    const coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    const plan = await operationalPlan(workflow.repository, workflow.actions, coordinator, "Craven");
    expect(plan.entries.map((entry) => entry.problem.priority)).toEqual(["RED", "AMBER", "GREEN"]);
    expect(plan.entries[0]?.actions[0]?.rag).toBe("AMBER");
    workflow.clock.now = new Date("2026-11-27T09:00:00Z");
    const later = await operationalPlan(workflow.repository, workflow.actions, coordinator, "CRA");
    expect(later.entries[0]?.actions[0]?.rag).toBe("RED");
    const outsider = await workflow.actorFor("coordinator.harrogate@ldg.example");
    expect((await operationalPlan(workflow.repository, workflow.actions, outsider, "CRA")).entries).toEqual(
      [],
    );
  });

  it("prints as CSV and Markdown from the command line, guarding formulas", () => {
    const run = (format: string) =>
      execFileSync(process.execPath, ["bin/ldg.js", "plan", "--area", "CRA", "--format", format], {
        env: { ...process.env, DATABASE_URL: workflow.temp.databaseUrl },
        encoding: "utf8",
      });
    const csv = run("csv").trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^ref,priority,status,title,/);
    expect(csv[1]).toMatch(/^CRA-2026-0003,RED,ACTIVE,"'=HYPERLINK/);
    expect(csv[1]).toContain("Patrols,North Yorkshire Police,PROPOSED,2026-11-26");
    expect(csv.slice(2).map((line) => line.split(",")[1])).toEqual(["AMBER", "GREEN"]);
    const markdown = run("md");
    expect(markdown).toMatch(/^\*\*OFFICIAL-SENSITIVE\*\*/);
    expect(markdown.indexOf("RED CRA-2026-0003")).toBeLessThan(markdown.indexOf("AMBER CRA-2026-0002"));
  });
});
