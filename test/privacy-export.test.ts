// `ldg privacy export <email>`: everything held about one person, for an admin or the person
// themself; nobody else, and nobody learns who is in the register by asking. Problems' details,
// which are about other people, stay out. Each export is audited.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorActor } from "../src/core/actor.js";
import { AccessDenied, InvalidInput } from "../src/core/errors.js";
import { PersonalDataExports } from "../src/core/privacy/personal-data.js";
import { PrismaPersonalDataRepository } from "../src/store/personal-data-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const LAUNCHER = fileURLToPath(new URL("../bin/ldg.js", import.meta.url));
const RACHEL = "rachel.moorhouse@nypolice.example";
const JOANNE = "joanne.hirst@nyfrs.example";
const OFFICER = "sam.holmes@nyfrs.example";
const COORDINATOR = "coordinator.craven@ldg.example";

describe("privacy export", () => {
  let workflow: Workflow;
  let exports: PersonalDataExports;
  let ref: string;

  beforeAll(async () => {
    workflow = await openWorkflow();
    const officer = await workflow.actorFor(OFFICER);
    const coordinator = await workflow.actorFor(COORDINATOR);
    const { problem } = await workflow.problems.raise(officer, {
      title: "Cuckooing at a flat",
      area: "CRA",
      category: "exploitation",
      harm: 4,
      likelihood: 3,
      victimOrTarget: "Mr Vulnerable Person, flat 2",
    });
    ref = problem.ref;
    await workflow.problems.addPartner(coordinator, ref, "North Yorkshire Police");
    const action = await workflow.actions.task(coordinator, ref, {
      text: "Welfare visit",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    const rachel = await workflow.actorFor(RACHEL);
    await workflow.actions.accept(rachel, action.id);
    await workflow.actions.addUpdate(rachel, action.id, "Visited on Tuesday, door not answered");
    const { store } = workflow.temp;
    const rachelsEntry = await store.contact.findUniqueOrThrow({ where: { email: RACHEL } });
    await store.activity.create({
      data: {
        officerId: rachelsEntry.id,
        kind: "NEIGHBOURHOOD_ENQUIRY",
        note: "Door-to-door on Mill Lane",
        occurredOn: workflow.clock.now,
        agencies: { create: [{ agency: "POLICE" }] },
      },
    });
    await store.registerCheck.create({
      data: { contactId: rachelsEntry.id, basisAt: workflow.clock.now, askedAt: workflow.clock.now },
    });
    exports = new PersonalDataExports(new PrismaPersonalDataRepository(store), () => workflow.clock.now);
  });
  afterAll(async () => workflow.temp.dispose());

  it("gives an admin everything held about one person, without other people's details", async () => {
    const document = await exports.export(operatorActor("cli:test"), ` ${RACHEL.toUpperCase()} `);
    expect(document.subject).toBe(RACHEL);
    expect(document.registerEntry).toMatchObject({
      email: RACHEL,
      name: "Rachel Moorhouse",
      organisation: { name: "North Yorkshire Police" },
    });
    expect(document.actionsAssigned).toEqual([
      expect.objectContaining({ text: "Welfare visit", status: "ACCEPTED", problem: { ref } }),
    ]);
    expect(document.actionUpdatesWritten).toEqual([
      expect.objectContaining({ text: "Visited on Tuesday, door not answered" }),
    ]);
    expect(document.activities).toEqual([expect.objectContaining({ note: "Door-to-door on Mill Lane" })]);
    expect(document.registerChecks).toEqual([expect.objectContaining({ state: "ASKED" })]);
    expect(document.messages.map((message) => message.kind)).toContain("action.assigned");
    expect(document.auditEntries.byThisPerson.map((entry) => entry.verb)).toEqual(
      expect.arrayContaining(["action.accepted", "action.updated"]),
    );
    expect(document.problemsRaised).toEqual([]);
    expect(JSON.stringify(document)).not.toContain("Mr Vulnerable Person");

    const officer = await exports.export(operatorActor("cli:test"), OFFICER);
    expect(officer.problemsRaised).toEqual([
      expect.objectContaining({ ref, title: "Cuckooing at a flat", area: { code: "CRA" } }),
    ]);
    expect(JSON.stringify(officer)).not.toContain("Mr Vulnerable Person");
  });

  it("lets a person export their own record, and refuses anyone else alike whether or not the email exists", async () => {
    const rachel = await workflow.actorFor(RACHEL);
    expect((await exports.export(rachel, RACHEL)).subject).toBe(RACHEL);
    const coordinator = await workflow.actorFor(COORDINATOR);
    const refusals = [
      exports.export(rachel, JOANNE),
      exports.export(coordinator, RACHEL),
      exports.export(rachel, "nobody@nowhere.example"),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toBeInstanceOf(AccessDenied);
    await expect(exports.export(operatorActor("cli:test"), "nobody@nowhere.example")).rejects.toBeInstanceOf(
      InvalidInput,
    );
    await expect(exports.export(operatorActor("cli:test"), "not an email")).rejects.toBeInstanceOf(
      InvalidInput,
    );
  });

  it("audits each export by the person's id, with no personal details in the entry", async () => {
    const { store } = workflow.temp;
    const rachelsEntry = await store.contact.findUniqueOrThrow({ where: { email: RACHEL } });
    const audited = await store.auditEvent.findMany({
      where: { verb: "export.personal-data", entityId: rachelsEntry.id },
    });
    expect(audited).toHaveLength(2);
    expect(audited.map((entry) => [entry.before, entry.after])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("runs from the command line, writing a file only its owner can read, and refusing by --as", () => {
    // Run in a folder of its own, so no .env is read (the database may be SQLite or PostgreSQL).
    const folder = mkdtempSync(path.join(tmpdir(), "ldg-privacy-cli-"));
    const ldg = (args: string[]) =>
      spawnSync(process.execPath, [LAUNCHER, ...args], {
        cwd: folder,
        env: { ...process.env, DATABASE_URL: workflow.temp.databaseUrl },
        encoding: "utf8",
        timeout: 60_000,
      });
    const file = path.join(folder, "rachel.json");
    const written = ldg(["privacy", "export", RACHEL, "--output", file]);
    expect(written.stderr).toBe("");
    expect(written.stdout).toBe(`Wrote what the bot holds about ${RACHEL} to ${file}.\n`);
    expect(JSON.parse(readFileSync(file, "utf8")).registerEntry.email).toBe(RACHEL);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const refused = ldg(["privacy", "export", RACHEL, "--as", JOANNE]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/Only an admin, or the person themself/);
    expect(ldg(["privacy", "export"]).status).toBe(2);
    rmSync(folder, { recursive: true, force: true });
    // Three launches of the command line: each takes seconds on a busy machine.
  }, 180_000);
});
