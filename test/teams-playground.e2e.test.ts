// End to end in Teams' own look: the bot in local mode, the Microsoft 365 Agents Playground as its
// Teams client, driven in headless Chromium. A person raises a problem through the raise card, then
// accepts an action and sees the card change in place.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_DEMO_USER_EMAIL, type RunningApp, startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { actorFromContact } from "../src/core/actor.js";
import { startPlayground } from "../src/local/playground.js";
import { createLogger } from "../src/log.js";
import { createServices } from "../src/services.js";
import { freePort } from "./support/free-port.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// The playground and Chromium start slowly on a busy CI machine; every wait is for something seen.
const SLOW = 60_000;

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("Teams end to end, in the Agents Playground", () => {
  let folder: string;
  let app: RunningApp;
  let playground: ChildProcess | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (as .ci/run does), ` +
          "or set CHROMIUM_PATH to a Chromium binary.",
      );
    }
    folder = mkdtempSync(path.join(tmpdir(), "ldg-e2e-"));
    const config = loadConfig({ DATABASE_URL: `file:${path.join(folder, "ldg.db")}`, PLAYGROUND: "off" });
    app = await startApp({ ...config, port: 0 }, createLogger("silent"));
    // Proactive messages are delivered when the test says so, so that none lands mid-step.
    await app.outbox.stop();
    const port = await freePort();
    playground = startPlayground(`${app.url}/api/messages`, createLogger("silent"), port);
    if (!playground) throw new Error("The Agents Playground (a devDependency) is not installed: run npm ci.");
    await waitForHttp(`http://127.0.0.1:${port}/`, SLOW);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.setDefaultTimeout(SLOW);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('[data-lexical-editor="true"]').waitFor();
  }, 3 * SLOW);

  // A failed step leaves a picture of the page behind, named in the test's output.
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail" || !page) return;
    const picture = path.join(tmpdir(), `ldg-e2e-${context.task.name.replace(/\W+/g, "-")}.png`);
    await page.screenshot({ path: picture, fullPage: true });
    console.error(`The playground page when the test failed: ${picture}`);
  });

  afterAll(async () => {
    await browser?.close();
    playground?.kill("SIGTERM");
    await app?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function type(text: string): Promise<void> {
    const compose = page.locator('[data-lexical-editor="true"]');
    await compose.click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }

  async function choose(field: RegExp, option: string): Promise<void> {
    await page.getByRole("combobox", { name: field }).last().click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }

  it(
    "raises a problem through the raise card",
    async () => {
      await type("raise Broken street lights on Mill Lane");
      await page.getByText("Raise a community problem").last().waitFor();
      await choose(/Category/, "anti-social behaviour");
      await choose(/Harm/, "2: moderate");
      await choose(/Likelihood/, "3: likely");
      await page.getByRole("button", { name: "Raise", exact: true }).last().click();

      await page.getByText(/Raised CRA-\d{4}-\d{4}/).waitFor();
      const problems = await app.store.problem.findMany();
      expect(problems.map((problem) => problem.title)).toEqual(["Broken street lights on Mill Lane"]);
    },
    3 * SLOW,
  );

  it(
    "accepts an action from the actions card, and the card changes in place",
    async () => {
      const services = createServices(app.store);
      const contact = await services.register.findByEmail(LOCAL_DEMO_USER_EMAIL);
      if (!contact) throw new Error("the demo coordinator is not in the register");
      const coordinator = actorFromContact(contact);
      const [problem] = await app.store.problem.findMany();
      const cardsBefore = await page.locator(".ac-adaptiveCard").count();
      const action = await services.actions.task(coordinator, problem?.ref ?? "", {
        text: "Report the broken lights to highways",
        organisation: "North Yorkshire Council",
        assigneeEmail: LOCAL_DEMO_USER_EMAIL,
        due: "in 2 weeks",
      });

      await type("actions");
      const list = page.locator(".ac-adaptiveCard", { hasText: "Your open actions" });
      await list.getByRole("button", { name: "Accept", exact: true }).click();

      const accepted = page.locator(".ac-adaptiveCard", { hasText: "Accepted by Demo Coordinator" });
      await accepted.getByRole("button", { name: "Done", exact: true }).waitFor();
      // The accepted action took the list's place: the list is gone, and no card was added.
      await expect.poll(() => list.count()).toBe(0);
      expect(await page.locator(".ac-adaptiveCard").count()).toBe(cardsBefore + 1);
      expect((await app.store.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe(
        "ACCEPTED",
      );
    },
    3 * SLOW,
  );

  it(
    "runs the problem-solving scenario from the cards alone: convene, task, accept, done, close",
    async () => {
      const [problem] = await app.store.problem.findMany();
      const ref = problem?.ref ?? "";
      const card = (text: string | RegExp) => page.locator(".ac-adaptiveCard", { hasText: text }).last();

      await type(`problem ${ref}`);
      await card(`${ref}: Broken street lights`)
        .getByRole("button", { name: "Convene", exact: true })
        .click();
      const convene = card(`Convene ${ref}`);
      await convene.getByRole("textbox", { name: /When/ }).fill("next Tuesday 10:00");
      await convene.getByRole("button", { name: "Send invitations", exact: true }).click();
      await card(/Meeting convened for/).waitFor();

      await card(/Meeting convened for/)
        .getByRole("button", { name: "Add action", exact: true })
        .click();
      const task = card(`Add an action to ${ref}`);
      await task.getByRole("textbox", { name: /What is to be done/ }).fill("Fire safety visits on Mill Lane");
      await task.getByRole("textbox", { name: /Due/ }).fill("in 2 weeks");
      await task.getByRole("button", { name: "Add action", exact: true }).click();

      await card(/Added\./)
        .getByRole("button", { name: "Accept", exact: true })
        .click();
      await card(/Accepted by Demo Coordinator/)
        .getByRole("button", { name: "Done", exact: true })
        .click();
      const done = card("Mark an action done");
      await done.getByRole("textbox", { name: /What was done/ }).fill("Visited all twelve houses");
      await done.getByRole("button", { name: "Done", exact: true }).click();
      await card(/Marked done/).waitFor();

      await type(`close ${ref}`);
      const close = card(`Close ${ref}`);
      await close.getByRole("textbox", { name: /Outcome/ }).fill("Lights repaired; residents reassured");
      await close.getByRole("textbox", { name: /Assessment/ }).fill("Worked: highways fixed them in a week");
      await close.getByRole("button", { name: "Close problem", exact: true }).click();
      await card(`${ref} is closed.`).waitFor();
      expect((await app.store.problem.findUniqueOrThrow({ where: { ref } })).status).toBe("CLOSED");
    },
    3 * SLOW,
  );

  it(
    "delivers what the outbox holds proactively into the personal chat",
    async () => {
      const [problem] = await app.store.problem.findMany();
      const counts = await app.outbox.deliverDue();
      expect(counts.sent).toBeGreaterThan(0);
      // The action tasked to the demo coordinator above, as its assignee is told of it.
      await page
        .locator(".ac-adaptiveCard", { hasText: `New action for North Yorkshire Council on ${problem?.ref}` })
        .getByRole("button", { name: "Accept", exact: true })
        .waitFor();
    },
    3 * SLOW,
  );
});
