// A chase run with work in it, for the several-replica test and the fault benchmark: problems in
// several areas, each tasking several partner organisations on Tuesday 1 December 2026 and never
// accepted, so the chase slot of Tuesday 8 December reminds every SPOC and tells their deputies and
// coordinators. Every contact gets a Slack user, so the outbox delivers through Slack's Web API.
import type { Store } from "../../src/store/database.js";
import type { Workflow } from "./workflow.js";

/** What seeding needs of a workflow: the use cases, the register's actors, and the store. */
export type ScenarioWorkflow = Pick<Workflow, "problems" | "actions" | "actorFor"> & { store: Store };

export const TASKED_AT = new Date("2026-12-01T10:00:00Z");
export const CHASE_SLOT = new Date("2026-12-08T08:00:00Z");

const AREAS = ["CRA", "HAR", "SEL", "SCA", "HAM"];
const ORGANISATIONS = [
  "North Yorkshire Police",
  "North Yorkshire Fire and Rescue Service",
  "North Yorkshire Council",
  "Probation Service Yorkshire and the Humber",
  "Yorkshire Ambulance Service",
];

/** Seeds the scenario into a workflow opened at TASKED_AT; returns Slack user id -> email for every contact. */
export async function seedChaseScenario(
  workflow: ScenarioWorkflow,
  problemsPerArea = 1,
): Promise<Map<string, string>> {
  const coordinator = await workflow.actorFor("demo@ldg.example");
  for (const area of AREAS) {
    for (let n = 1; n <= problemsPerArea; n++) {
      const { problem } = await workflow.problems.raise(coordinator, {
        title: `Fly-tipping behind the shops, site ${n}`,
        area,
        category: "environmental",
        harm: 2,
        likelihood: 2,
      });
      for (const organisation of ORGANISATIONS) {
        await workflow.actions.task(coordinator, problem.ref, {
          text: `Clear and watch the site (${organisation})`,
          organisation,
          due: "31/12/2026",
        });
      }
    }
  }
  const { store } = workflow;
  // Tasked a week before the slot, as the chase windows read it.
  await store.action.updateMany({ data: { updatedAt: TASKED_AT } });
  const users = new Map<string, string>();
  const contacts = await store.contact.findMany({
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
  for (const [index, contact] of contacts.entries()) {
    const userId = `U${String(index + 1).padStart(6, "0")}`;
    await store.contact.update({ where: { id: contact.id }, data: { slackUserId: userId } });
    users.set(userId, contact.email);
  }
  return users;
}
