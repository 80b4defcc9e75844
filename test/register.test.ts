import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorFromContact, operatorActor } from "../src/core/actor.js";
import { AccessDenied, InvalidInput } from "../src/core/errors.js";
import { Register } from "../src/core/register/register.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { openTempStore, type TempStore } from "./support/temp-store.js";

const admin = operatorActor("test operator");

describe("register use cases on SQLite", () => {
  let temp: TempStore;
  let register: Register;
  let now: Date;

  beforeEach(async () => {
    temp = await openTempStore();
    now = new Date("2026-11-25T10:00:00Z");
    register = new Register(new PrismaRegisterRepository(temp.store), () => now);
    await register.addArea(admin, {
      code: "CRA",
      name: "Craven",
      board: "North Yorkshire Community Safety Strategic Board",
    });
    await register.addArea(admin, { code: "SEL", name: "Selby", board: "York and Selby Strategic Board" });
    await register.addOrganisation(admin, { name: "North Yorkshire Fire and Rescue Service", kind: "fire" });
    await register.addOrganisation(admin, { name: "North Yorkshire Police", kind: "police" });
  });
  afterEach(async () => temp.dispose());

  const fireSpoc = {
    name: "Priya Shah",
    email: "Priya.Shah@NYFRS.example",
    organisation: "north yorkshire fire and rescue service",
    areas: "CRA",
    roles: "SPOC",
    themes: "fire safety; safeguarding",
  };

  it("adds an entry with its areas, roles and themes, and audits it in the same store", async () => {
    const contact = await register.addContact(admin, fireSpoc);
    expect(contact.email).toBe("priya.shah@nyfrs.example");
    expect(contact.organisation.name).toBe("North Yorkshire Fire and Rescue Service");
    expect(contact.memberships.map((m) => `${m.area.code}:${m.role}`)).toEqual(["CRA:SPOC"]);
    expect(contact.themes).toEqual(["fire-safety", "safeguarding"]);
    const audit = await temp.store.auditEvent.findMany({ where: { entityId: contact.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ verb: "contact.added", actorLabel: "test operator" });
  });

  it("refuses bad input with every reason, and writes nothing", async () => {
    const attempt = register.addContact(admin, {
      ...fireSpoc,
      email: "not-an-email",
      areas: "XYZ",
      roles: "boss",
      themes: "knitting",
    });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInput);
    await expect(attempt).rejects.toThrow(/email.*not a valid email/);
    await expect(attempt).rejects.toThrow(/"boss" is not a role/);
    await expect(attempt).rejects.toThrow(/"knitting" is not a theme/);
    expect(await temp.store.contact.count()).toBe(0);
    expect(await temp.store.auditEvent.count({ where: { entityType: "Contact" } })).toBe(0);
  });

  it("refuses an unknown area or organisation", async () => {
    await expect(register.addContact(admin, { ...fireSpoc, areas: "HAR" })).rejects.toThrow(
      /HAR is not an area/,
    );
    await expect(register.addContact(admin, { ...fireSpoc, organisation: "Acme" })).rejects.toThrow(
      /"Acme" is not in the register/,
    );
  });

  it("updates, retires (never deletes) and verifies, auditing each change", async () => {
    const added = await register.addContact(admin, fireSpoc);
    const { outcome } = await register.updateContact(admin, fireSpoc.email, {
      ...fireSpoc,
      phone: "01756 700000",
    });
    expect(outcome).toBe("updated");
    const again = await register.updateContact(admin, fireSpoc.email, { ...fireSpoc, phone: "01756 700000" });
    expect(again.outcome).toBe("unchanged");

    const retired = await register.retireContact(admin, fireSpoc.email);
    expect(retired.retiredAt).toEqual(now);
    expect(await temp.store.contact.count()).toBe(1);
    expect((await register.lookup(admin, "fire")).entries).toHaveLength(0);

    now = new Date("2027-01-10T10:00:00Z");
    await register.updateContact(admin, fireSpoc.email, fireSpoc);
    const verified = await register.markVerified(admin, fireSpoc.email);
    expect(verified.retiredAt).toBeNull();
    expect(verified.verifiedAt).toEqual(now);

    const verbs = (
      await temp.store.auditEvent.findMany({ where: { entityId: added.id }, orderBy: { at: "asc" } })
    ).map((event) => event.verb);
    expect(verbs).toEqual([
      "contact.added",
      "contact.updated",
      "contact.retired",
      "contact.updated",
      "contact.verified",
    ]);
  });

  it("looks up by organisation kind, area, theme and person", async () => {
    await register.addContact(admin, fireSpoc);
    await register.addContact(admin, {
      name: "Tom Ellis",
      email: "tom.ellis@police.example",
      organisation: "North Yorkshire Police",
      areas: "SEL",
      roles: "spoc; coordinator",
      themes: "ASB",
    });
    expect((await register.lookup(admin, "fire")).entries.map((c) => c.name)).toEqual(["Priya Shah"]);
    expect((await register.lookup(admin, "Selby")).entries.map((c) => c.name)).toEqual(["Tom Ellis"]);
    expect((await register.lookup(admin, "cra")).entries.map((c) => c.name)).toEqual(["Priya Shah"]);
    expect((await register.lookup(admin, "anti-social behaviour")).entries.map((c) => c.name)).toEqual([
      "Tom Ellis",
    ]);
    expect((await register.lookup(admin, "ellis")).entries.map((c) => c.name)).toEqual(["Tom Ellis"]);
    expect((await register.lookup(admin, "nothing like this")).entries).toEqual([]);
    expect((await register.lookup(admin, "police Selby")).entries.map((c) => c.name)).toEqual(["Tom Ellis"]);
    expect((await register.lookup(admin, "police Craven")).entries).toEqual([]);
    await expect(register.lookup(admin, " ")).rejects.toBeInstanceOf(InvalidInput);
  });

  it("lets a coordinator change only their own areas' entries, and lists their stale entries", async () => {
    const coordinator = await register.addContact(admin, {
      name: "Cara Coordinator",
      email: "cara@craven.example",
      organisation: "North Yorkshire Police",
      areas: "CRA",
      roles: "coordinator",
    });
    const asCara = actorFromContact(coordinator);
    await register.addContact(asCara, { ...fireSpoc, verifiedOn: "2026-01-31" });
    await expect(
      register.addContact(asCara, { ...fireSpoc, email: "x@y.example", areas: "SEL" }),
    ).rejects.toBeInstanceOf(AccessDenied);
    await register.addContact(admin, {
      ...fireSpoc,
      email: "old@selby.example",
      areas: "SEL",
      verifiedOn: "01/01/2026",
    });

    const stale = await register.listUnverified(asCara);
    expect(stale.map((c) => c.email)).toEqual(["priya.shah@nyfrs.example"]);
    expect((await register.listUnverified(admin)).map((c) => c.email).sort()).toEqual([
      "old@selby.example",
      "priya.shah@nyfrs.example",
    ]);
    const spocEntry = await register.findByEmail(fireSpoc.email);
    if (!spocEntry) throw new Error("the SPOC was not saved");
    const spoc = actorFromContact(spocEntry);
    await expect(register.listUnverified(spoc)).rejects.toBeInstanceOf(AccessDenied);
    await expect(register.retireContact(spoc, "old@selby.example")).rejects.toBeInstanceOf(AccessDenied);
  });
});
