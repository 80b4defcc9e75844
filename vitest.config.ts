// Two projects: every suite on SQLite, and the store, workflow and scheduler suites again on
// PostgreSQL (test/support/temp-store.ts opens the database the project names). PostgreSQL is the
// server at TEST_POSTGRES_URL, or a throwaway cluster started from Debian's binaries; with neither,
// those suites are left out with a notice rather than failing.
import { defineConfig } from "vitest/config";
import { postgresBinaries } from "./test/support/postgres-cluster.js";

const POSTGRESQL_SUITES = [
  "test/register.test.ts",
  "test/register-csv.test.ts",
  "test/demo.test.ts",
  "test/activities.test.ts",
  "test/outbox.test.ts",
  "test/outbox-interrupted-send.test.ts",
  "test/problems.test.ts",
  "test/workflow-scenario.test.ts",
  "test/access-matrix.test.ts",
  "test/interactions.test.ts",
  "test/meetings.test.ts",
  "test/meeting-polls.test.ts",
  "test/plan.test.ts",
  "test/board-answers.test.ts",
  "test/accountability.test.ts",
  "test/digests.test.ts",
  "test/chase-policy.test.ts",
  "test/chasing-schedule.test.ts",
  "test/schedule-claims.test.ts",
  "test/chase-repository.test.ts",
  "test/published-files.test.ts",
  "test/audit-log.test.ts",
  "test/retention.test.ts",
  "test/privacy-export.test.ts",
  "test/intake-store.test.ts",
  "test/register-checks.test.ts",
  "test/postgresql-*.test.ts",
  "test/teams-endpoint.test.ts",
  "test/forged-payloads.test.ts",
  "test/email.test.ts",
  "test/email-routing.test.ts",
  "test/slack-problem-channels.test.ts",
  "test/slack-modes.test.ts",
  "test/slack-scenario.test.ts",
  "test/slack-receiver.test.ts",
  "test/slack-bad-input.test.ts",
  "test/slack-board-answers.test.ts",
  "test/slack-home.test.ts",
  "test/slack-platform.test.ts",
  "test/teams-cards.test.ts",
  "test/teams-unreachable.test.ts",
  "test/email-scenario.test.ts",
  "test/inbound-verification.test.ts",
];

const postgresqlAvailable = Boolean(process.env.TEST_POSTGRES_URL) || postgresBinaries() !== null;
if (!postgresqlAvailable) {
  console.warn(
    "NOTICE: no PostgreSQL for the tests (set TEST_POSTGRES_URL, or `apt-get install -y postgresql`): " +
      "the store, workflow and scheduler suites run on SQLite only.",
  );
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "sqlite", include: ["test/**/*.test.ts"], exclude: ["test/postgresql-*.test.ts"] },
      },
      ...(postgresqlAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: "postgresql",
                include: POSTGRESQL_SUITES,
                globalSetup: ["test/support/postgres-global-setup.ts"],
                env: { LDG_TEST_DATABASE: "postgresql" },
              },
            },
          ]
        : []),
    ],
  },
});
