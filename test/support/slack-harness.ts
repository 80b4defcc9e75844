import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { loadDemoRegisterIfEmpty } from "../../src/demo/load-demo.js";
import { createLogger } from "../../src/log.js";
import { type SlackApiStandIn, startSlackApiStandIn } from "./slack-api-stand-in.js";
import { type OpenedView, SIGNING_SECRET, SlackSender, type SlackUser } from "./slack-requests.js";
import { freshDatabase } from "./temp-store.js";

export const PEOPLE = {
  officer: { id: "U0SAM00001", email: "sam.holmes@nyfrs.example" },
  coordinator: { id: "U0HELEN001", email: "coordinator.craven@ldg.example" },
  policeSpoc: { id: "U0RACHEL01", email: "rachel.moorhouse@nypolice.example" },
  fireSpoc: { id: "U0JOANNE01", email: "joanne.hirst@nyfrs.example" },
  councilSpoc: { id: "U0JULIE001", email: "julie.ackroyd@northyorks.example" },
  stranger: { id: "U0STRANGE1", email: "someone@elsewhere.example" },
} satisfies Record<string, SlackUser>;

export interface SlackHarness {
  app: RunningApp;
  api: SlackApiStandIn;
  slack: SlackSender;
  /** Waits until the bot has finished everything it started after its acks. */
  settle(): Promise<void>;
  /** The view most recently opened with views.open. */
  lastOpenedView(): OpenedView;
  /** Everything the bot has said since call number `from`, as one string (for `toContain`). */
  saidSince(from: number): string;
  close(): Promise<void>;
}

export async function startSlackHarness(): Promise<SlackHarness> {
  const database = await freshDatabase();
  const api = await startSlackApiStandIn();
  for (const person of Object.values(PEOPLE)) api.users.set(person.id, person.email);
  const config = loadConfig({
    DATABASE_URL: database.databaseUrl,
    SLACK_BOT_TOKEN: "xoxb-0000-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    PLAYGROUND: "off",
  });
  const app = await startApp({ ...config, port: 0 }, createLogger("silent"));
  // Tests deliver the outbox themselves (app.outbox.deliverDue), so that what the bot sent when is certain.
  await app.outbox.stop();
  await loadDemoRegisterIfEmpty(app.store);
  // Bolt checks the token with auth.test once at start-up; let that be over before any test counts calls.
  while (api.callsTo("auth.test").length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const slack = new SlackSender(`${app.url}/slack/events`);

  const settle = async () => {
    // Events are acknowledged before their handlers start, so give them a moment to begin.
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await app.slack?.settled();
      await app.slack?.problemChannels.settled();
    }
  };
  return {
    app,
    api,
    slack,
    settle,
    lastOpenedView() {
      const opened = api.callsTo("views.open").at(-1);
      if (!opened) throw new Error("no view was opened");
      return opened.args.view as OpenedView;
    },
    saidSince(from) {
      return JSON.stringify(api.calls.slice(from).map((call) => call.args));
    },
    async close() {
      await app.stop();
      await api.close();
      await database.dispose();
    },
  };
}
