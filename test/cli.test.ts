// Runs the real `ldg` launcher as a child process against a temporary SQLite file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/database.js";

const LAUNCHER = fileURLToPath(new URL("../bin/ldg.js", import.meta.url));
const HEADER = "name,email,organisation,areas,roles,themes";

// Each case starts the command line several times, and each start compiles the TypeScript: on a busy
// machine that alone can take ten seconds, so the cases get more than the default 30 s.
describe("the ldg command line", { timeout: 120_000 }, () => {
  let folder: string;
  let databaseUrl: string;

  /** Runs `ldg` in the temporary folder (so no .env is read) with DATABASE_URL set. */
  function ldg(args: string[], environment: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
      cwd: folder,
      env: { ...process.env, DATABASE_URL: databaseUrl, ...environment },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function writeCsv(name: string, lines: string[]): string {
    const file = path.join(folder, name);
    writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
  }

  async function contactCount(): Promise<number> {
    const store = await openStore(databaseUrl);
    try {
      return await store.contact.count();
    } finally {
      await store.$disconnect();
    }
  }

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-cli-"));
    databaseUrl = `file:${path.join(folder, "data", "ldg.db")}`;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("creates the database and adds areas and organisations", () => {
    expect(ldg(["db", "migrate"])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Applied to .*ldg\.db:\n {2}\d+_register/),
    });
    expect(ldg(["db", "migrate"])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/is up to date\.\n$/),
    });
    const board = "North Yorkshire Community Safety Strategic Board";
    expect(ldg(["area", "add", "--code", "CRA", "--name", "Craven", "--board", board])).toMatchObject({
      code: 0,
      stdout: `Added area Craven (CRA), answering to the ${board}.\n`,
    });
    expect(ldg(["org", "add", "--name", "North Yorkshire Police", "--kind", "police"])).toMatchObject({
      code: 0,
      stdout: "Added organisation North Yorkshire Police (police).\n",
    });
    expect(ldg(["org", "add", "--name", "North Yorkshire Police", "--kind", "police"])).toMatchObject({
      code: 1,
      stderr: "name: North Yorkshire Police is already in the register\n",
    });
    // Five command-line processes, each starting TypeScript and opening the database.
  }, 90_000);

  it("imports a good file", () => {
    const file = writeCsv("good.csv", [
      HEADER,
      "Tom Ellis,tom.ellis@police.example,North Yorkshire Police,CRA,SPOC,ASB",
      "Jo Bell,jo.bell@police.example,North Yorkshire Police,CRA,deputy,",
    ]);
    expect(ldg(["register", "import", file])).toEqual({
      code: 0,
      stdout: "Imported: 2 added, 0 updated, 0 unchanged.\n",
      stderr: "",
    });
  });

  it("refuses a bad file with each bad row's line on stderr, and writes nothing", async () => {
    const file = writeCsv("bad.csv", [
      HEADER,
      "New Person,new.person@police.example,North Yorkshire Police,CRA,SPOC,",
      "Bad Email,not-an-email,North Yorkshire Police,CRA,SPOC,",
      "Bad Area,bad.area@police.example,North Yorkshire Police,XYZ,SPOC,",
    ]);
    const result = ldg(["register", "import", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Nothing was imported: 2 rows have problems");
    expect(result.stderr).toContain("  line 3: email: is not a valid email address");
    expect(result.stderr).toContain("  line 4: areas: XYZ is not an area (known: CRA)");
    expect(await contactCount()).toBe(2);
  });

  it("exports the register as CSV, to the screen or to a file", () => {
    const result = ldg(["register", "export"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFname,email,organisation,areas,roles,themes,phone,deputy_email,slack_user_id,teams_user_id,preferred_platform,verified_on",
    );
    expect(lines[1]).toMatch(/^Jo Bell,jo\.bell@police\.example,North Yorkshire Police,CRA,deputy,/);
    expect(lines[2]).toMatch(
      /^Tom Ellis,tom\.ellis@police\.example,North Yorkshire Police,CRA,SPOC,anti-social behaviour,/,
    );

    const output = path.join(folder, "export.csv");
    expect(ldg(["register", "export", "--output", output])).toMatchObject({
      code: 0,
      stdout: `Wrote 2 entries to ${output}.\n`,
    });
    expect(readFileSync(output, "utf8")).toBe(result.stdout);
  });

  it("says which file it cannot read", () => {
    expect(ldg(["register", "import", "missing.csv"])).toMatchObject({
      code: 1,
      stderr: "There is no file missing.csv.\n",
    });
  });

  it("answers a bad DATABASE_URL with one line naming it", () => {
    const result = ldg(["register", "export"], { DATABASE_URL: "postgres://localhost" });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^Configuration error: DATABASE_URL /);
  });

  it("answers a command line it does not understand with exit code 2", () => {
    expect(ldg(["register", "import"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Usage: ldg register import <file.csv>"),
    });
    expect(ldg(["register", "export", "--bogus"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--bogus"),
    });
    expect(ldg(["frobnicate"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('There is no command "frobnicate"'),
    });
    expect(ldg(["help"])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("ldg register import <file.csv>"),
    });
  });

  it("lists the entries not verified for the configured period", () => {
    // Checked eight months ago: stale after six months (the default), not after twelve.
    const checked = new Date(Date.now() - 240 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const file = writeCsv("stale.csv", [
      `${HEADER},verified_on`,
      `Ann Old,ann.old@police.example,North Yorkshire Police,CRA,SPOC,,${checked}`,
    ]);
    expect(ldg(["register", "import", file])).toMatchObject({ code: 0 });
    expect(ldg(["register", "stale"])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^1 entry not verified for six months:\n {2}Ann Old <ann\.old@police\.example>/,
      ),
    });
    expect(ldg(["register", "stale"], { REGISTER_VERIFY_MONTHS: "12" })).toMatchObject({
      code: 0,
      stdout: "Every active entry has been verified in the last 12 months.\n",
    });
  });
});
