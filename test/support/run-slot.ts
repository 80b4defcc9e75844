// Run as a separate process by the scheduling tests: runs one slot of a scheduled job against the
// database named on the command line, with the clock at `now`, and prints whether it ran.
import pino from "pino";
import { createScheduler } from "../../src/schedule/create-scheduler.js";
import { openStore } from "../../src/store/database.js";
import { TEST_SCHEDULES } from "./schedules.js";

const [databaseUrl, job, slot, now] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore(databaseUrl);
try {
  const scheduler = createScheduler(store, TEST_SCHEDULES, "Europe/London", pino({ level: "silent" }), {
    now: () => new Date(now),
  });
  process.stdout.write(JSON.stringify({ ran: await scheduler.runSlot(job, new Date(slot)) }));
} finally {
  await store.$disconnect();
}
