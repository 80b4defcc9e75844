// The workflow's use cases over a real temporary SQLite store with the demo register loaded.

import { Actions } from "../../src/core/actions/actions.js";
import { type Actor, actorFromContact } from "../../src/core/actor.js";
import { Problems } from "../../src/core/problems/problems.js";
import { loadDemoRegisterIfEmpty } from "../../src/demo/load-demo.js";
import { PrismaRegisterRepository } from "../../src/store/register-repository.js";
import { PrismaWorkflowRepository } from "../../src/store/workflow-repository.js";
import { openTempStore, type TempStore } from "./temp-store.js";

export interface Workflow {
  temp: TempStore;
  repository: PrismaWorkflowRepository;
  problems: Problems;
  actions: Actions;
  clock: { now: Date };
  actorFor(email: string): Promise<Actor>;
}

export async function openWorkflow(now = new Date("2026-11-25T10:00:00Z")): Promise<Workflow> {
  const temp = await openTempStore();
  await loadDemoRegisterIfEmpty(temp.store);
  const clock = { now };
  const repository = new PrismaWorkflowRepository(temp.store);
  const register = new PrismaRegisterRepository(temp.store);
  return {
    temp,
    repository,
    clock,
    problems: new Problems(repository, () => clock.now),
    actions: new Actions(repository, () => clock.now),
    async actorFor(email) {
      const contact = await register.findContactByEmail(email);
      if (!contact) throw new Error(`${email} is not in the demo register`);
      return actorFromContact(contact);
    },
  };
}
