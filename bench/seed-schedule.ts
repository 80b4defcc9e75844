// Seeds the chasing benchmark's database (run by bench/schedule.ts in its own process, so that the
// seeding's memory is not counted against the chase run): 50 areas, 5,000 contacts, 20,000 problems
// and 100,000 open actions, by raw inserts in one transaction.
import Database from "better-sqlite3";
import { ACTIONS, AREAS, CONTACTS, NOW, TODAY } from "./schedule-figures.js";

const ACTIONS_PER_PROBLEM = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

const stamp = (date: Date) => date.toISOString().replace("Z", "+00:00");
const dayStamp = (offsetDays: number) =>
  stamp(new Date(Date.parse(`${TODAY}T00:00:00Z`) + offsetDays * DAY_MS));

/** Raw inserts in one transaction: the use cases would take minutes to raise this much. */
function seed(file: string): void {
  const db = new Database(file);
  const now = stamp(NOW);
  db.transaction(() => {
    // Deputies are inserted after the people they cover: check the references at commit.
    db.pragma("defer_foreign_keys = ON");
    const area = db.prepare(`INSERT INTO "Area" (id, code, name, board) VALUES (?, ?, ?, ?)`);
    const organisation = db.prepare(
      `INSERT INTO "Organisation" (id, name, nameKey, kind) VALUES (?, ?, ?, ?)`,
    );
    const contact = db.prepare(
      `INSERT INTO "Contact" (id, name, nameKey, email, organisationId, deputyId, verifiedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const membership = db.prepare(
      `INSERT INTO "Membership" (id, contactId, areaId, role) VALUES (?, ?, ?, ?)`,
    );
    const problem = db.prepare(
      `INSERT INTO "Problem" (id, ref, areaId, title, category, harm, likelihood, priority, status, nextReviewOn, classification, raisedById, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, 2, 2, ?, 'ACTIVE', ?, 'OFFICIAL_SENSITIVE', ?, ?, ?)`,
    );
    const action = db.prepare(
      `INSERT INTO "Action" (id, problemId, text, organisationId, assigneeId, dueOn, status, createdById, acceptedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?)`,
    );
    const kinds = [
      "POLICE",
      "FIRE",
      "AMBULANCE",
      "HEALTH",
      "HOUSING",
      "UNITARY_COUNCIL",
      "PROBATION",
      "VOLUNTARY",
    ];
    for (let a = 0; a < AREAS; a++)
      area.run(`area${a}`, `A${String(a).padStart(2, "0")}`, `Area ${a}`, "Bench Board");
    for (let o = 0; o < 20; o++)
      organisation.run(`org${o}`, `Organisation ${o}`, `organisation ${o}`, kinds[o % kinds.length]);
    for (let c = 0; c < CONTACTS; c++) {
      const areaIndex = c % AREAS;
      // Per area: one coordinator, one board member, then SPOCs; every other SPOC has the next as deputy.
      const role = c < AREAS ? "COORDINATOR" : c < 2 * AREAS ? "BOARD_MEMBER" : "SPOC";
      const deputy = role === "SPOC" && c % 2 === 0 && c + AREAS < CONTACTS ? `contact${c + AREAS}` : null;
      contact.run(
        `contact${c}`,
        `Person ${c}`,
        `person ${c}`,
        `person.${c}@example.org`,
        `org${c % 20}`,
        deputy,
        dayStamp(-(c % 400)),
        now,
      );
      membership.run(`membership${c}`, `contact${c}`, `area${areaIndex}`, role);
    }
    const spocsPerArea = (CONTACTS - 2 * AREAS) / AREAS;
    const problems = ACTIONS / ACTIONS_PER_PROBLEM;
    for (let p = 0; p < problems; p++) {
      const areaIndex = p % AREAS;
      problem.run(
        `problem${p}`,
        `A${String(areaIndex).padStart(2, "0")}-2026-${String(p).padStart(5, "0")}`,
        `area${areaIndex}`,
        `Problem ${p}`,
        ["ASB", "DRUGS", "FIRE_RISK", "ENVIRONMENTAL"][p % 4],
        ["RED", "AMBER", "GREEN"][p % 3],
        dayStamp((p % 60) - 30),
        `contact${areaIndex}`,
        dayStamp(-40 - (p % 30)),
        now,
      );
      for (let i = 0; i < ACTIONS_PER_PROBLEM; i++) {
        const n = p * ACTIONS_PER_PROBLEM + i;
        const accepted = n % 5 >= 2;
        const spoc = 2 * AREAS + areaIndex + AREAS * (n % spocsPerArea);
        const proposed = dayStamp(-(n % 20));
        action.run(
          `action${n}`,
          `problem${p}`,
          `Action ${n}`,
          `org${n % 20}`,
          `contact${spoc}`,
          dayStamp((n % 80) - 40),
          accepted ? "ACCEPTED" : "PROPOSED",
          accepted ? proposed : null,
          proposed,
          proposed,
        );
      }
    }
  })();
  db.close();
}

seed(process.argv[2] as string);
