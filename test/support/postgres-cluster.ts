// A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a fresh cluster in a
// temporary folder, on a free loopback port, stopped and removed afterwards. initdb refuses to run
// as root, so as root the cluster belongs to the `postgres` user that Debian's package creates.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port.js";

const DEBIAN_ROOT = "/usr/lib/postgresql";

/** The newest Debian PostgreSQL's bin folder, or null when none is installed. */
export function postgresBinaries(): string | null {
  if (!existsSync(DEBIAN_ROOT)) return null;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((version) => existsSync(path.join(DEBIAN_ROOT, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(DEBIAN_ROOT, versions[0], "bin") : null;
}

export interface PostgresCluster {
  /** A superuser URL to the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** Starts a fresh cluster; throws with initdb's or pg_ctl's output when it cannot. */
export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const folder = mkdtempSync(path.join(tmpdir(), "ldg-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(folder, id("-u"), id("-g"));
  }
  const data = path.join(folder, "data");
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, program), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, program), args, { stdio: "pipe" });
  // No locale: text sorts by byte, as on SQLite, so both backends order names alike.
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  // Durability is not what a test measures: without fsync, a database per test is cheap to create.
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(folder, "server.log"), "-w", "start"]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** The URL of the same server with another database name. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement as the server URL's user on its own connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function administer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
