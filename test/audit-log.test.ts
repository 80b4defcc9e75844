// The audit log is append-only in the database itself (triggers from the migrations), no code in
// src/ asks to change or remove an entry, and entries keep out what the retention job later removes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const COORDINATOR = "coordinator.craven@ldg.example";
const ASSIGNEE = "rachel.moorhouse@nypolice.example";

/** The project's own sources: Prisma's generated clients (generated, generated-postgresql) are not ours. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name.startsWith("generated") ? [] : sourceFiles(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

describe("audit log", () => {
  let workflow: Workflow;

  beforeAll(async () => {
    workflow = await openWorkflow();
    const coordinator = await workflow.actorFor(COORDINATOR);
    const { problem } = await workflow.problems.raise(coordinator, {
      title: "Fly-tipping behind the shops",
      area: "CRA",
      category: "environmental",
      harm: 2,
      likelihood: 3,
      victimOrTarget: "Mrs Ada Example, 4 Mill Lane",
    });
    await workflow.problems.addPartner(coordinator, problem.ref, "North Yorkshire Police");
    const action = await workflow.actions.task(coordinator, problem.ref, {
      text: "Check the CCTV",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    await workflow.actions.addUpdate(
      await workflow.actorFor(ASSIGNEE),
      action.id,
      "Spoke to Ada Example at home",
    );
  });
  afterAll(async () => workflow.temp.dispose());

  it("refuses to change or delete an entry, through Prisma or plain SQL", async () => {
    const { store } = workflow.temp;
    const entries = await store.auditEvent.findMany({ orderBy: { at: "asc" } });
    expect(entries.length).toBeGreaterThan(2);
    const first = entries[0] as (typeof entries)[number];
    // The driver adapter reports the trigger's abort as a constraint failure, without its text.
    await expect(
      store.auditEvent.update({ where: { id: first.id }, data: { verb: "nothing" } }),
    ).rejects.toThrow();
    await expect(store.auditEvent.delete({ where: { id: first.id } })).rejects.toThrow();
    await expect(store.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(
      store.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'someone'`),
    ).rejects.toThrow();
    await expect(store.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow();
    expect(await store.auditEvent.findMany({ orderBy: { at: "asc" } })).toEqual(entries);
    // Appending still works.
    await store.auditEvent.create({
      data: { actorLabel: "test", verb: "test.appended", entityType: "Test", entityId: "1" },
    });
    expect(await store.auditEvent.count()).toBe(entries.length + 1);
  });

  it("is never updated or deleted by the application's code", () => {
    const offenders = sourceFiles("src").filter((file) =>
      /auditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b|(UPDATE|DELETE\s+FROM)\s+"?AuditEvent/i.test(
        readFileSync(file, "utf8"),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps a problem's personal details and action updates' texts out of its entries", async () => {
    const entries = await workflow.temp.store.auditEvent.findMany();
    const written = JSON.stringify(entries.map((entry) => [entry.before, entry.after]));
    expect(written).toContain("Fly-tipping behind the shops");
    expect(written).not.toContain("Mill Lane");
    expect(written).not.toContain("Ada Example");
  });
});
