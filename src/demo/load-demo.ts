// The demo register: fictional people at North Yorkshire's real partner organisations, for local
// mode and for trying the bot out. Its contacts go through the same CSV reader and import as an
// admin's file, so the demo also proves that path.
import { readFileSync } from "node:fs";
import { parseRegisterCsv } from "../cli/register-csv.js";
import { operatorActor } from "../core/actor.js";
import { UserFacingError } from "../core/errors.js";
import { Register } from "../core/register/register.js";
import type { Store } from "../store/database.js";
import { PrismaRegisterRepository } from "../store/register-repository.js";

/** Found from this module, so the demo loads whatever folder the bot is started from. */
const DEMO_FOLDER = new URL("../../prisma/demo/", import.meta.url);

interface DemoArea {
  code: string;
  name: string;
  board: string;
}

interface DemoOrganisation {
  name: string;
  kind: string;
}

export interface DemoLoad {
  areasAdded: number;
  organisationsAdded: number;
  contactsAdded: number;
}

function readDemoFile(name: string): Buffer {
  return readFileSync(new URL(name, DEMO_FOLDER));
}

/** Loads the demo register into a register with no entries; returns whether it did. */
export async function loadDemoRegisterIfEmpty(store: Store): Promise<boolean> {
  if ((await store.contact.count()) > 0) return false;
  await loadDemoRegister(store, { force: false });
  return true;
}

/**
 * Adds the demo areas, organisations and entries that are missing. Refuses a register that already
 * has entries unless `force`; even then, entries already there are left as they are.
 */
export async function loadDemoRegister(store: Store, { force }: { force: boolean }): Promise<DemoLoad> {
  const entries = await store.contact.count();
  if (entries > 0 && !force) {
    throw new UserFacingError(
      `The register already has ${entries} ${entries === 1 ? "entry" : "entries"}, so the demo was not loaded. ` +
        "Run again with --force to add the demo entries that are missing; entries already there stay as they are.",
    );
  }
  const repository = new PrismaRegisterRepository(store);
  const register = new Register(repository);
  const actor = operatorActor("demo");

  const knownCodes = new Set((await repository.listAreas()).map((area) => area.code));
  const areas = (JSON.parse(readDemoFile("areas.json").toString("utf8")) as DemoArea[]).filter(
    (area) => !knownCodes.has(area.code),
  );
  for (const area of areas) await register.addArea(actor, area);

  const knownNames = new Set(
    (await repository.listOrganisations()).map((organisation) => organisation.name.toLowerCase()),
  );
  const organisations = (
    JSON.parse(readDemoFile("organisations.json").toString("utf8")) as DemoOrganisation[]
  ).filter((organisation) => !knownNames.has(organisation.name.toLowerCase()));
  for (const organisation of organisations) await register.addOrganisation(actor, organisation);

  const parsed = parseRegisterCsv(readDemoFile("contacts.csv"));
  const problems = [...parsed.fileProblems, ...parsed.rowProblems.map((row) => `line ${row.line}`)];
  if (problems.length > 0) throw new Error(`prisma/demo/contacts.csv cannot be read: ${problems.join("; ")}`);
  const missing = [];
  for (const row of parsed.rows) if (!(await register.findByEmail(row.input.email))) missing.push(row);
  const report = await register.importContacts(actor, missing);
  if (!report.written) {
    const rejected = report.rejected.map((row) => `line ${row.line}: ${row.problems.join("; ")}`);
    throw new Error(`prisma/demo/contacts.csv has rows the register refuses: ${rejected.join(" | ")}`);
  }
  return {
    areasAdded: areas.length,
    organisationsAdded: organisations.length,
    contactsAdded: report.added,
  };
}
