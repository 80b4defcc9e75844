// Run as a separate process by the concurrency test: raises `count` problems at once against the
// database named on the command line, and prints their references as JSON.
import { actorFromContact } from "../../src/core/actor.js";
import { Problems } from "../../src/core/problems/problems.js";
import { openStore } from "../../src/store/database.js";
import { PrismaRegisterRepository } from "../../src/store/register-repository.js";
import { PrismaWorkflowRepository } from "../../src/store/workflow-repository.js";

const [databaseUrl, email, count, now] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore(databaseUrl);
try {
  const contact = await new PrismaRegisterRepository(store).findContactByEmail(email);
  if (!contact) throw new Error(`${email} is not in the register`);
  const problems = new Problems(new PrismaWorkflowRepository(store), () => new Date(now));
  const results = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      problems.raise(actorFromContact(contact), {
        title: `Raised by process ${process.pid}, number ${i}`,
        area: "CRA",
        category: "fire risk",
        harm: 2,
        likelihood: 2,
      }),
    ),
  );
  process.stdout.write(JSON.stringify(results.map((result) => result.problem.ref)));
} finally {
  await store.$disconnect();
}
