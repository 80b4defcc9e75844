// Before the PostgreSQL project's suites: the server they create their databases on, which is
// TEST_POSTGRES_URL when set, else a throwaway cluster started here and stopped after the run.
import type { TestProject } from "vitest/node";
import { postgresBinaries, startPostgresCluster } from "./postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL to a PostgreSQL server whose user may create and drop databases. */
    postgresServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) {
    project.provide("postgresServerUrl", given);
    return undefined;
  }
  const bin = postgresBinaries();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql and no TEST_POSTGRES_URL");
  const cluster = await startPostgresCluster(bin);
  project.provide("postgresServerUrl", cluster.url);
  return () => cluster.stop();
}
