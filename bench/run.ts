// Register benchmark: how look-ups scale with a county-sized register. Figures are reported as
// ratios against a baseline measured in the same run (a primary-key read through the same store),
// because these machines are shared and absolute times drift. Run: npm run bench (which then runs
// bench/schedule.ts and bench/slack-load.ts, each in a process of its own)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { operatorActor } from "../src/core/actor.js";
import { Register } from "../src/core/register/register.js";
import { openStore } from "../src/store/database.js";
import { PrismaRegisterRepository } from "../src/store/register-repository.js";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2000);
const ROUNDS = 200;

async function median(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const folder = mkdtempSync(path.join(tmpdir(), "ldg-bench-"));
const store = await openStore(`file:${path.join(folder, "bench.db")}`);
try {
  const admin = operatorActor("bench");
  const register = new Register(new PrismaRegisterRepository(store));
  const areaCodes = ["CRA", "HAR", "SCA", "SEL", "YRK", "HAM", "RIC", "RYE"];
  for (const code of areaCodes) await register.addArea(admin, { code, name: `Area ${code}`, board: "Board" });
  const kinds = [
    "police",
    "fire",
    "ambulance",
    "health",
    "housing",
    "unitary council",
    "probation",
    "voluntary",
  ];
  for (let i = 0; i < 40; i++) {
    await register.addOrganisation(admin, {
      name: `Organisation ${i}`,
      kind: kinds[i % kinds.length] as string,
    });
  }
  const themes = ["asb", "drugs", "fire safety", "safeguarding", "mental health", "housing"];
  const rows = Array.from({ length: CONTACTS }, (_, i) => ({
    line: i + 2,
    input: {
      name: `Person ${i}`,
      email: `person.${i}@example.org`,
      organisation: `Organisation ${i % 40}`,
      areas: areaCodes[i % areaCodes.length] as string,
      roles: i % 3 === 0 ? "deputy" : "spoc",
      themes: `${themes[i % themes.length]}; ${themes[(i + 2) % themes.length]}`,
    },
  }));
  const importStart = performance.now();
  await register.importContacts(admin, rows);
  const importMs = performance.now() - importStart;
  const reimportStart = performance.now();
  await register.importContacts(admin, rows);
  const reimportMs = performance.now() - reimportStart;

  const someId = (await store.contact.findFirstOrThrow()).id;
  const baseline = await median(() => store.contact.findUnique({ where: { id: someId } }));
  const figures = {
    "lookup by kind (spoc fire)": await median(() => register.lookup(admin, "fire")),
    "lookup by area (spoc Area CRA)": await median(() => register.lookup(admin, "CRA")),
    "lookup by person (spoc Person 1234)": await median(() => register.lookup(admin, "Person 1234")),
    "lookup, no match": await median(() => register.lookup(admin, "nobody at all")),
  };
  console.log(`register benchmark: ${CONTACTS} contacts, median of ${ROUNDS} rounds each`);
  console.log(`baseline (primary-key read): ${baseline.toFixed(3)} ms`);
  for (const [name, ms] of Object.entries(figures)) {
    console.log(
      `${name.padEnd(40)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1).padStart(7)}x baseline`,
    );
  }
  console.log(
    `import ${CONTACTS} rows: ${importMs.toFixed(0)} ms (${(importMs / baseline / CONTACTS).toFixed(1)}x baseline per row)`,
  );
  console.log(
    `re-import, nothing changed: ${reimportMs.toFixed(0)} ms (${(reimportMs / baseline / CONTACTS).toFixed(1)}x baseline per row)`,
  );
} finally {
  await store.$disconnect();
  rmSync(folder, { recursive: true, force: true });
}

// Then chasing and digests at county scale, in a process of its own so that its memory figures
// are its own.
const schedule = spawnSync(
  process.execPath,
  [
    fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url)),
    fileURLToPath(new URL("./schedule.ts", import.meta.url)),
  ],
  { stdio: "inherit" },
);
// Then the Slack receiver under a burst of interactions, beside a bare Bolt app.
const slackLoad = spawnSync(
  process.execPath,
  [
    fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url)),
    fileURLToPath(new URL("./slack-load.ts", import.meta.url)),
  ],
  { stdio: "inherit" },
);
process.exitCode = schedule.status === 0 && slackLoad.status === 0 ? 0 : 1;
