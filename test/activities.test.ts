import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Activities } from "../src/core/activities/activities.js";
import {
  activityCountsMessage,
  loggedMessage,
  recentActivityMessage,
} from "../src/core/activities/messages.js";
import type { ActivityRepository } from "../src/core/activities/model.js";
import { MAX_DAYS_BACK, MAX_NOTE_LENGTH, parseActivityLog } from "../src/core/activities/parse-log.js";
import { type Actor, actorFromContact, operatorActor } from "../src/core/actor.js";
import { AccessDenied, InvalidInput } from "../src/core/errors.js";
import type { OrganisationKind } from "../src/core/register/model.js";
import { Register } from "../src/core/register/register.js";
import { addCalendarDays, calendarDayInZone } from "../src/core/time/due-date.js";
import { countsByAgencyAndMonthQuery, PrismaActivityRepository } from "../src/store/activity-repository.js";
import { Prisma } from "../src/store/generated/client.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";
import { openTempStore, type TempStore, testDatabase } from "./support/temp-store.js";

// Wednesday 25 November 2026, mid-morning in London.
const now = new Date("2026-11-25T10:00:00Z");

function ukFormat(day: string): string {
  const [year, month, dayOfMonth] = day.split("-");
  return `${dayOfMonth}/${month}/${year}`;
}

describe("parseActivityLog", () => {
  it.each([
    [
      "safe and well visit for fire, ambulance",
      { kind: "SAFE_AND_WELL_VISIT", agencies: ["FIRE", "AMBULANCE"], occurredOn: "2026-11-25" },
    ],
    ["home fire safety check for fire", { kind: "HOME_FIRE_SAFETY_CHECK", agencies: ["FIRE"] }],
    [
      "hfsc for fire and police yesterday",
      { kind: "HOME_FIRE_SAFETY_CHECK", agencies: ["FIRE", "POLICE"], occurredOn: "2026-11-24" },
    ],
    ["swv fire ambulance", { kind: "SAFE_AND_WELL_VISIT", agencies: ["FIRE", "AMBULANCE"] }],
    [
      "referral for health, housing on 22/11 - concerns about hoarding",
      {
        kind: "REFERRAL",
        agencies: ["HEALTH", "HOUSING"],
        occurredOn: "2026-11-22",
        note: "concerns about hoarding",
      },
    ],
    ["neighbourhood enquiry police", { kind: "NEIGHBOURHOOD_ENQUIRY", agencies: ["POLICE"] }],
    ["NE for NHS & council.", { kind: "NEIGHBOURHOOD_ENQUIRY", agencies: ["HEALTH", "UNITARY_COUNCIL"] }],
    ["Signposting for youth justice/victim support", { agencies: ["YOUTH_JUSTICE", "VICTIM_SUPPORT"] }],
    ["swv for fire and rescue, fire, police, Fire", { agencies: ["FIRE", "POLICE"] }],
    ["log swv for the police and the fire service", { agencies: ["POLICE", "FIRE"] }],
    ["swv for district council and county council", { agencies: ["DISTRICT_COUNCIL", "COUNTY_COUNCIL"] }],
    ["swv for fire last friday", { occurredOn: "2026-11-20" }],
    ["swv for fire friday", { occurredOn: "2026-11-20" }],
    ["swv for fire on 2026-10-01", { occurredOn: "2026-10-01" }],
    ["swv for fire 3 days ago", { occurredOn: "2026-11-22" }],
    ["swv for fire 20 november", { occurredOn: "2026-11-20" }],
    ["swv for police 22-11 - met at 10-2 weekly", { occurredOn: "2026-11-22", note: "met at 10-2 weekly" }],
    [
      "other for voluntary – litter pick with the parish",
      { kind: "OTHER", note: "litter pick with the parish" },
    ],
  ])("reads %j", (text, expected) => {
    const parsed = parseActivityLog(text, now);
    expect(parsed.ok).toBe(true);
    expect(parsed).toMatchObject(expected);
  });

  it("reads a day and month still to come this year as last year's, near new year", () => {
    const newYear = new Date("2027-01-05T10:00:00Z");
    expect(parseActivityLog("swv for fire on 28/12", newYear)).toMatchObject({ occurredOn: "2026-12-28" });
    expect(parseActivityLog("swv for fire 28 december", newYear)).toMatchObject({ occurredOn: "2026-12-28" });
  });

  it.each([
    ["", /What did you do/],
    ["visit for fire", /Start with what you did: safe and well visit \(swv\)/],
    ["swv yesterday", /Which agencies was the safe and well visit for\?/],
    ["swv for fire, ambulanse", /couldn't read "ambulanse" as an agency or a day/],
    ["swv for fire tomorrow", /26\/11\/2026 is in the future/],
    ["swv for fire on 28/11", /28\/11\/2026 is in the future/],
    ["swv for fire on 01/08/2026", /more than 90 days ago; work can be logged back to 27\/08\/2026/],
    ["swv for fire on 31/02", /"31\/02" isn't a real date/],
    ["swv for fire in november", /couldn't read|day as well as the month/],
    [`swv for fire - ${"x".repeat(MAX_NOTE_LENGTH + 1)}`, /keep it to 500/],
  ])("refuses %j with a friendly reason", (text, reason) => {
    const parsed = parseActivityLog(text, now);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(reason);
  });

  it("needs no note, and ignores a dash with nothing after it", () => {
    expect(parseActivityLog("swv for fire", now)).not.toHaveProperty("note");
    expect(parseActivityLog("swv for fire -", now)).toEqual({
      ok: true,
      kind: "SAFE_AND_WELL_VISIT",
      agencies: ["FIRE"],
      occurredOn: "2026-11-25",
    });
  });

  it("takes a note of up to 500 characters", () => {
    const note = "y".repeat(MAX_NOTE_LENGTH);
    expect(parseActivityLog(`swv for fire - ${note}`, now)).toMatchObject({ ok: true, note });
  });

  const agencyWords: [string, OrganisationKind][] = [
    ["police", "POLICE"],
    ["fire", "FIRE"],
    ["ambulance", "AMBULANCE"],
    ["district council", "DISTRICT_COUNCIL"],
    ["county council", "COUNTY_COUNCIL"],
    ["council", "UNITARY_COUNCIL"],
    ["NHS", "HEALTH"],
    ["housing", "HOUSING"],
    ["probation", "PROBATION"],
    ["youth justice", "YOUTH_JUSTICE"],
    ["victim support", "VICTIM_SUPPORT"],
    ["voluntary", "VOLUNTARY"],
    ["other", "OTHER"],
  ];
  const anyNow = fc.date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date("2035-12-31T23:59:59Z"),
    noInvalidDate: true,
  });
  const today = (instant: Date) => calendarDayInZone(instant, "Europe/London");

  it("reads any set of agencies written as a list, in the order typed", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(agencyWords, { minLength: 1 }),
        fc.constantFrom(", ", " and ", " & ", " ", "/", ","),
        (agencies, separator) => {
          const text = `swv for ${agencies.map(([word]) => word).join(separator)}`;
          expect(parseActivityLog(text, now)).toMatchObject({
            ok: true,
            agencies: agencies.map(([, kind]) => kind),
          });
        },
      ),
    );
  });

  it("reads any day of the last 90, written DD/MM/YYYY or ISO, as exactly that day", () => {
    fc.assert(
      fc.property(anyNow, fc.integer({ min: 0, max: MAX_DAYS_BACK }), (instant, daysAgo) => {
        const day = addCalendarDays(today(instant), -daysAgo);
        expect(parseActivityLog(`hfsc for fire on ${ukFormat(day)}`, instant)).toMatchObject({
          occurredOn: day,
        });
        expect(parseActivityLog(`hfsc for fire ${day}`, instant)).toMatchObject({ occurredOn: day });
      }),
    );
  });

  it("keeps any note as typed, apart from the spaces around it", () => {
    const note = fc
      .string({ minLength: 1, maxLength: MAX_NOTE_LENGTH })
      .filter((text) => text.trim() === text);
    fc.assert(
      fc.property(note, (text) => {
        expect(parseActivityLog(`referral for health - ${text}`, now)).toMatchObject({
          ok: true,
          note: text,
        });
      }),
    );
  });

  it("never answers a future day or one over 90 days back, and always explains a refusal", () => {
    const days = fc.constantFrom(
      "today",
      "yesterday",
      "tomorrow",
      "Monday",
      "Sunday",
      "last week",
      "1/1",
      "31/12",
    );
    fc.assert(
      fc.property(anyNow, fc.oneof(days, fc.string({ maxLength: 30 })), (instant, dayText) => {
        const parsed = parseActivityLog(`swv for police ${dayText}`, instant);
        if (parsed.ok) {
          expect(parsed.occurredOn <= today(instant)).toBe(true);
          expect(parsed.occurredOn >= addCalendarDays(today(instant), -MAX_DAYS_BACK)).toBe(true);
          expect(parsed.agencies.length).toBeGreaterThan(0);
        } else {
          expect(parsed.message).not.toBe("");
        }
      }),
    );
  });
});

describe("activity messages", () => {
  const activity = {
    id: "a1",
    officerId: "o1",
    areaId: null,
    kind: "SAFE_AND_WELL_VISIT" as const,
    agencies: ["AMBULANCE", "FIRE"] as OrganisationKind[],
    occurredOn: "2026-11-25",
    note: "Mrs X at 4 High St",
    createdAt: now,
  };

  it("confirms a logged activity in the register's agency order, without echoing the note", () => {
    const message = loggedMessage(activity);
    expect(message.summary).toBe(
      "Logged: safe and well visit on 25/11/2026 for fire and rescue, ambulance. Your note is saved with it.",
    );
    expect(JSON.stringify(recentActivityMessage([activity]))).not.toContain("High St");
  });

  it("lists counts month by month, with the period's totals", () => {
    const message = activityCountsMessage(
      [
        { month: "2026-10", agency: "POLICE", count: 2 },
        { month: "2026-11", agency: "FIRE", count: 3 },
        { month: "2026-11", agency: "POLICE", count: 1 },
      ],
      { from: "2026-10-01", to: "2026-11-30" },
    );
    expect(message.summary).toBe("Activity by agency and month, 01/10/2026 to 30/11/2026");
    expect(message.blocks).toContainEqual({ kind: "text", text: "October 2026" });
    expect(message.blocks).toContainEqual({
      kind: "facts",
      facts: [
        { label: "Police", value: "3" },
        { label: "Fire and rescue", value: "3" },
      ],
    });
    expect(activityCountsMessage([], { from: "2026-10-01", to: "2026-10-31" }).summary).toBe(
      "No activity was logged for 01/10/2026 to 31/10/2026.",
    );
  });
});

describe(`activities on ${testDatabase}`, () => {
  const admin = operatorActor("test operator");
  let temp: TempStore;
  let activities: Activities;
  let areaIds: Record<"CRA" | "SEL", string>;
  let people: Record<"ola" | "ben" | "mia" | "cora" | "bea" | "sid", Actor>;

  beforeEach(async () => {
    temp = await openTempStore();
    activities = new Activities(new PrismaActivityRepository(temp.store));
    const register = new Register(new PrismaRegisterRepository(temp.store), () => now);
    const craven = await register.addArea(admin, {
      code: "CRA",
      name: "Craven",
      board: "North Yorkshire Board",
    });
    const selby = await register.addArea(admin, {
      code: "SEL",
      name: "Selby",
      board: "York and Selby Board",
    });
    areaIds = { CRA: craven.id, SEL: selby.id };
    await register.addOrganisation(admin, { name: "North Yorkshire Fire and Rescue Service", kind: "fire" });
    await register.addOrganisation(admin, { name: "North Yorkshire Police", kind: "police" });
    const person = async (name: string, areas: string, roles: string) =>
      actorFromContact(
        await register.addContact(admin, {
          name,
          email: `${name.toLowerCase()}@ldg.example`,
          organisation: "North Yorkshire Police",
          areas,
          roles,
        }),
      );
    people = {
      ola: await person("Ola", "CRA", "officer"),
      ben: await person("Ben", "SEL", "officer"),
      mia: await person("Mia", "CRA; SEL", "officer"),
      cora: await person("Cora", "CRA", "coordinator"),
      bea: await person("Bea", "SEL", "board member"),
      sid: await person("Sid", "CRA", "SPOC"),
    };
  });
  afterEach(async () => temp.dispose());

  async function rowCounts() {
    return {
      activities: await temp.store.activity.count(),
      agencies: await temp.store.activityAgency.count(),
      audits: await temp.store.auditEvent.count({ where: { entityType: "Activity" } }),
    };
  }

  it("writes the activity, its agencies and its audit event together, under the officer's one area", async () => {
    const activity = await activities.record(people.ola, "swv for fire, ambulance - smoke alarm fitted", now);
    expect(activity).toMatchObject({
      officerId: people.ola.contactId,
      areaId: areaIds.CRA,
      kind: "SAFE_AND_WELL_VISIT",
      occurredOn: "2026-11-25",
      note: "smoke alarm fitted",
    });
    expect([...activity.agencies].sort()).toEqual(["AMBULANCE", "FIRE"]);
    expect(loggedMessage(activity).summary).toBe(
      "Logged: safe and well visit on 25/11/2026 for fire and rescue, ambulance. Your note is saved with it.",
    );
    const audit = await temp.store.auditEvent.findMany({ where: { entityId: activity.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ verb: "activity.logged", actorId: people.ola.contactId });
    expect(JSON.stringify(audit[0]?.after)).not.toContain("smoke alarm");
    expect(await rowCounts()).toEqual({ activities: 1, agencies: 2, audits: 1 });
  });

  it("files an officer of several areas, or an admin, under no area", async () => {
    expect((await activities.record(people.mia, "ne for police", now)).areaId).toBeNull();
    const adminContact = { ...people.sid, isAdmin: true };
    expect((await activities.record(adminContact, "ne for police", now)).areaId).toBeNull();
  });

  it("refuses, writing nothing, someone without the officer role, an operator, or an unreadable line", async () => {
    await expect(activities.record(people.sid, "swv for fire", now)).rejects.toThrow(AccessDenied);
    await expect(activities.record(people.cora, "swv for fire", now)).rejects.toThrow(/Only officers/);
    await expect(activities.record(admin, "swv for fire", now)).rejects.toThrow(AccessDenied);
    await expect(activities.record(people.ola, "swv for fire tomorrow", now)).rejects.toThrow(InvalidInput);
    expect(await rowCounts()).toEqual({ activities: 0, agencies: 0, audits: 0 });
  });

  it("keeps no activity whose audit event could not be written", async () => {
    const failingAudit = (inner: ActivityRepository): ActivityRepository => ({
      transaction: (work) => inner.transaction((repository) => work(failingAudit(repository))),
      createActivity: (activity) => inner.createActivity(activity),
      countByAgencyAndMonth: (filter) => inner.countByAgencyAndMonth(filter),
      listByOfficer: (officerId, limit) => inner.listByOfficer(officerId, limit),
      recordAudit: async () => {
        throw new Error("audit write failed");
      },
    });
    const broken = new Activities(failingAudit(new PrismaActivityRepository(temp.store)));
    await expect(broken.record(people.ola, "swv for fire", now)).rejects.toThrow("audit write failed");
    expect(await rowCounts()).toEqual({ activities: 0, agencies: 0, audits: 0 });
  });

  describe("counts by agency and month", () => {
    const autumn = { from: "2026-10-01", to: "2026-11-30" };

    beforeEach(async () => {
      await activities.record(people.ola, "swv for fire, ambulance on 20/10", now);
      await activities.record(people.ola, "hfsc for fire on 03/11", now);
      await activities.record(people.ola, "referral for health, housing yesterday - hoarding", now);
      await activities.record(people.ben, "ne for police on 31/10", now);
      await activities.record(people.ben, "swv for fire, police on 01/11", now);
    });

    it("counts everyone's work for a board member or an admin, month by month", async () => {
      const everything = [
        { month: "2026-10", agency: "AMBULANCE", count: 1 },
        { month: "2026-10", agency: "FIRE", count: 1 },
        { month: "2026-10", agency: "POLICE", count: 1 },
        { month: "2026-11", agency: "FIRE", count: 2 },
        { month: "2026-11", agency: "HEALTH", count: 1 },
        { month: "2026-11", agency: "HOUSING", count: 1 },
        { month: "2026-11", agency: "POLICE", count: 1 },
      ];
      expect(await activities.countsByAgencyAndMonth(people.bea, autumn)).toEqual(everything);
      expect(await activities.countsByAgencyAndMonth(admin, autumn)).toEqual(everything);
    });

    it("counts both ends of the period and nothing outside it", async () => {
      expect(
        await activities.countsByAgencyAndMonth(admin, { from: "2026-11-01", to: "2026-11-01" }),
      ).toEqual([
        { month: "2026-11", agency: "FIRE", count: 1 },
        { month: "2026-11", agency: "POLICE", count: 1 },
      ]);
      expect(
        await activities.countsByAgencyAndMonth(admin, { from: "2026-10-21", to: "2026-10-30" }),
      ).toEqual([]);
    });

    it("narrows to an area, and gives a coordinator their areas and an officer their own", async () => {
      const selby = [
        { month: "2026-10", agency: "POLICE", count: 1 },
        { month: "2026-11", agency: "FIRE", count: 1 },
        { month: "2026-11", agency: "POLICE", count: 1 },
      ];
      expect(await activities.countsByAgencyAndMonth(admin, { ...autumn, areaId: areaIds.SEL })).toEqual(
        selby,
      );
      expect(await activities.countsByAgencyAndMonth(people.ben, autumn)).toEqual(selby);
      expect(await activities.countsByAgencyAndMonth(people.cora, autumn)).toEqual([
        { month: "2026-10", agency: "AMBULANCE", count: 1 },
        { month: "2026-10", agency: "FIRE", count: 1 },
        { month: "2026-11", agency: "FIRE", count: 1 },
        { month: "2026-11", agency: "HEALTH", count: 1 },
        { month: "2026-11", agency: "HOUSING", count: 1 },
      ]);
      expect(await activities.countsByAgencyAndMonth(people.mia, autumn)).toEqual([]);
    });

    it("refuses other areas to a coordinator, counts to an SPOC, and a malformed period", async () => {
      await expect(
        activities.countsByAgencyAndMonth(people.cora, { ...autumn, areaId: areaIds.SEL }),
      ).rejects.toThrow(AccessDenied);
      await expect(activities.countsByAgencyAndMonth(people.sid, autumn)).rejects.toThrow(AccessDenied);
      await expect(
        activities.countsByAgencyAndMonth(admin, { from: "2026-11-30", to: "2026-10-01" }),
      ).rejects.toThrow(/must not end before it starts/);
      await expect(
        activities.countsByAgencyAndMonth(admin, { from: "2026-02-30", to: "2026-03-01" }),
      ).rejects.toThrow(InvalidInput);
    });

    // SQLite's plan; PostgreSQL's planner picks by its statistics, which a test's few rows do not settle.
    it.skipIf(testDatabase !== "sqlite")(
      "counts in the store, reaching the period through the occurredOn index",
      async () => {
        const query = countsByAgencyAndMonthQuery(
          { ...autumn, visibleTo: { areaIds: [areaIds.CRA], officerId: people.ben.contactId } },
          "sqlite",
        );
        const plan = await temp.store.$queryRaw<{ detail: string }[]>(
          Prisma.sql`EXPLAIN QUERY PLAN ${query}`,
        );
        const steps = plan.map((step) => step.detail).join("\n");
        expect(steps).toMatch(/SEARCH a USING INDEX Activity_occurredOn_idx/);
        expect(steps).toMatch(/SEARCH aa USING .*\(activityId=\?\)/);
      },
    );

    it("lists an officer's own latest activity, most recent day first", async () => {
      const recent = await activities.myRecent(people.ola, 2);
      expect(recent.map((activity) => activity.occurredOn)).toEqual(["2026-11-24", "2026-11-03"]);
      expect(await activities.myRecent(people.cora)).toEqual([]);
      await expect(activities.myRecent(people.ola, 0)).rejects.toThrow(InvalidInput);
      await expect(activities.myRecent(admin)).rejects.toThrow(AccessDenied);
    });
  });
});
