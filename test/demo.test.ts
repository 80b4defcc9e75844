import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseRegisterCsv } from "../src/cli/register-csv.js";
import { operatorActor } from "../src/core/actor.js";
import { UserFacingError } from "../src/core/errors.js";
import { Register } from "../src/core/register/register.js";
import { loadDemoRegister, loadDemoRegisterIfEmpty } from "../src/demo/load-demo.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const admin = operatorActor("test operator");

describe("the demo register", () => {
  let temp: TempStore;
  let register: Register;

  beforeEach(async () => {
    temp = await openTempStore();
    register = new Register(new PrismaRegisterRepository(temp.store), () => new Date("2026-11-25T10:00:00Z"));
  });
  afterEach(async () => temp.dispose());

  async function counts() {
    return {
      areas: await temp.store.area.count(),
      organisations: await temp.store.organisation.count(),
      contacts: await temp.store.contact.count(),
      audit: await temp.store.auditEvent.count(),
    };
  }

  it("loads into an empty store, every row of its file accepted", async () => {
    expect(await loadDemoRegisterIfEmpty(temp.store)).toBe(true);
    const rowsInFile = parseRegisterCsv(
      readFileSync(new URL("../prisma/demo/contacts.csv", import.meta.url)),
    ).rows;
    const loaded = await counts();
    expect(loaded.areas).toBe(8);
    expect(loaded.contacts).toBeGreaterThan(30);
    expect(loaded.contacts).toBe(rowsInFile.length);

    const demoUser = await register.findByEmail("demo@ldg.example");
    expect(demoUser?.organisation.name).toBe("North Yorkshire Council");
    expect(demoUser?.memberships.filter((membership) => membership.role === "COORDINATOR")).toHaveLength(8);
    expect((await register.findByEmail("coordinator.craven@ldg.example"))?.memberships).toMatchObject([
      { area: { code: "CRA" }, role: "COORDINATOR" },
    ]);
    // A few entries are over six months old, so the stale list and digests have something to show.
    expect((await register.listUnverified(admin)).length).toBeGreaterThanOrEqual(3);
  });

  it("does nothing the second time", async () => {
    await loadDemoRegisterIfEmpty(temp.store);
    const before = await counts();
    expect(await loadDemoRegisterIfEmpty(temp.store)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("finds the fire and rescue service's SPOCs when asked for fire", async () => {
    await loadDemoRegisterIfEmpty(temp.store);
    const found = await register.lookup(admin, "fire");
    const fireSpocs = found.entries.filter(
      (contact) =>
        contact.organisation.name === "North Yorkshire Fire and Rescue Service" &&
        contact.memberships.some((membership) => membership.role === "SPOC"),
    );
    expect(fireSpocs.length).toBeGreaterThanOrEqual(4);
  });

  it("refuses a register with entries unless forced, and then adds only what is missing", async () => {
    await register.addArea(admin, {
      code: "CRA",
      name: "Craven",
      board: "North Yorkshire Community Safety Strategic Board",
    });
    await register.addOrganisation(admin, { name: "North Yorkshire Police", kind: "police" });
    await register.addContact(admin, {
      name: "Someone Else",
      email: "rachel.moorhouse@nypolice.example",
      organisation: "North Yorkshire Police",
      areas: "CRA",
      roles: "officer",
    });
    await expect(loadDemoRegister(temp.store, { force: false })).rejects.toBeInstanceOf(UserFacingError);
    expect(await temp.store.contact.count()).toBe(1);

    const loaded = await loadDemoRegister(temp.store, { force: true });
    expect(loaded.areasAdded).toBe(7);
    expect((await register.findByEmail("rachel.moorhouse@nypolice.example"))?.name).toBe("Someone Else");
    expect(await temp.store.contact.count()).toBe(loaded.contactsAdded + 1);
  });
});
