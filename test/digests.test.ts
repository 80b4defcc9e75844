// The digests' content, the digest, away, back and schedule commands, and `ldg digest`, on a real
// SQLite store with the demo register.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, chartAltText } from "../src/chat/message.js";
import { Activities } from "../src/core/activities/activities.js";
import type { Actor } from "../src/core/actor.js";
import { type CommandContext, runCommand } from "../src/core/commands/dispatch.js";
import { Digests } from "../src/core/digests/digests.js";
import { weeklyDigestMarkdown } from "../src/core/digests/render-markdown.js";
import { ORGANISATION_KINDS } from "../src/core/register/vocabulary.js";
import { renderOutboxMessage } from "../src/outbox/render.js";
import { chartPng } from "../src/reports/charts.js";
import { createScheduler } from "../src/schedule/create-scheduler.js";
import { createServices } from "../src/services.js";
import { PrismaActivityRepository } from "../src/store/activity-repository.js";
import { PrismaDigestRepository } from "../src/store/digest-repository.js";
import { TEST_SCHEDULES } from "./support/schedules.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

const LAUNCHER = fileURLToPath(new URL("../bin/ldg.js", import.meta.url));

function text(message: ChatMessage): string {
  return JSON.stringify(message.blocks);
}

describe("digests and the scheduling commands", () => {
  let workflow: Workflow;
  let coordinator: Actor;
  let command: (actor: Actor, words: string) => Promise<ChatMessage>;

  beforeAll(async () => {
    // Monday 7 December 2026, 09:00.
    workflow = await openWorkflow(new Date("2026-12-07T09:00:00Z"));
    const { problems, actions, clock, temp } = workflow;
    coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    const officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    const fires = await problems.raise(officer, {
      title: "Deliberate fires near the skate park",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      victimOrTarget: "Mrs Example at 1 Example Street",
    });
    const litter = await problems.raise(officer, {
      title: "Litter at the bus station",
      area: "CRA",
      category: "environmental",
      harm: 1,
      likelihood: 2,
      classification: "OFFICIAL",
    });
    // Prisma stamps createdAt from the real clock: put the problems on the test's.
    await temp.store.problem.updateMany({ data: { createdAt: clock.now } });
    const patrol = await actions.task(coordinator, fires.problem.ref, {
      text: "Patrol the park",
      organisation: "North Yorkshire Police",
      due: "today",
    });
    const bins = await actions.task(coordinator, fires.problem.ref, {
      text: "Fit fire-safe bins",
      organisation: "North Yorkshire Fire and Rescue Service",
      due: "tomorrow",
    });
    await actions.decline(
      await workflow.actorFor("joanne.hirst@nyfrs.example"),
      bins.id,
      "Not our budget this year",
    );
    const sweep = await actions.task(coordinator, litter.problem.ref, {
      text: "Sweep the bus station",
      organisation: "North Yorkshire Council",
      due: "today",
    });
    const julie = await workflow.actorFor("julie.ackroyd@northyorks.example");
    await actions.accept(julie, sweep.id);
    await actions.done(julie, sweep.id, "Swept and bins emptied");
    await problems.close(coordinator, litter.problem.ref, {
      outcome: "Bus station kept clean",
      assessment: "Fewer complaints",
    });
    await new Activities(new PrismaActivityRepository(temp.store)).record(
      officer,
      "safe and well visit for fire, ambulance",
      clock.now,
    );
    const meeting = await temp.store.meeting.create({
      data: {
        areaId: fires.problem.area.id,
        kind: "TASKING",
        startsAt: new Date("2026-12-09T10:00:00Z"),
        durationMinutes: 60,
        convenedById: coordinator.contactId as string,
      },
    });
    await temp.store.meetingProblem.create({ data: { meetingId: meeting.id, problemId: fires.problem.id } });
    // Tomorrow the patrol (due today) is overdue.
    clock.now = new Date("2026-12-08T09:00:00Z");
    expect(patrol.status).toBe("PROPOSED");

    const scheduler = createScheduler(
      temp.store,
      TEST_SCHEDULES,
      "Europe/London",
      pino({ level: "silent" }),
      { now: () => clock.now },
    );
    const services = createServices(temp.store, {
      timeZone: "Europe/London",
      now: () => clock.now,
      scheduleStatus: () => scheduler.status(),
    });
    command = (actor, words) => runCommand({ ...services, actor } as CommandContext, words);
  });
  afterAll(async () => workflow.temp.dispose());

  it("builds the weekly digest from what happened in the area, and shows its classification", async () => {
    const digests = new Digests(new PrismaDigestRepository(workflow.temp.store));
    const area = await new PrismaDigestRepository(workflow.temp.store).findArea("CRA");
    const digest = await digests.weekly(area as NonNullable<typeof area>, workflow.clock.now);
    expect(digest).toMatchObject({
      area: { code: "CRA", name: "Craven" },
      classification: "OFFICIAL_SENSITIVE",
      openByPriority: { RED: 1, AMBER: 0, GREEN: 0 },
      overdueByOrganisation: [
        { organisationName: "North Yorkshire Police", count: 1, oldestDueOn: "2026-12-07" },
      ],
      meetings: [{ startsAt: "2026-12-09T10:00:00.000Z", kind: "tasking meeting", refs: ["CRA-2026-0001"] }],
      declined: [
        {
          ref: "CRA-2026-0001",
          organisationName: "North Yorkshire Fire and Rescue Service",
          actionText: "Fit fire-safe bins",
        },
      ],
      closed: [{ ref: "CRA-2026-0002", outcome: "Bus station kept clean", classification: "OFFICIAL" }],
    });
    expect(digest.newProblems.map((problem) => problem.ref)).toEqual(["CRA-2026-0001", "CRA-2026-0002"]);
    expect(digest.unverified.map((entry) => entry.name)).toContain("Rob Kitching");
    const markdown = weeklyDigestMarkdown(digest);
    expect(markdown).toMatch(
      /^# Craven weekly digest, 01\/12\/2026 to 08\/12\/2026\n\n\*\*OFFICIAL-SENSITIVE\*\*/,
    );
    expect(markdown).toContain("- North Yorkshire Police: 1, oldest due 07/12/2026");
    // The outbox renders the same digest, and nothing personal was ever in it.
    const rendered = renderOutboxMessage("digest.weekly", digest).message;
    expect(rendered.summary).toContain("(OFFICIAL-SENSITIVE)");
    expect(JSON.stringify(digest)).not.toContain("Example Street");
  });

  it("carries twelve weeks of open problems by priority and work done on time by agency, drawn as charts", async () => {
    const repository = new PrismaDigestRepository(workflow.temp.store);
    const area = (await repository.findArea("CRA")) as NonNullable<
      Awaited<ReturnType<typeof repository.findArea>>
    >;
    const { trends } = await new Digests(repository).weekly(area, workflow.clock.now);
    if (!trends) throw new Error("the weekly digest has no trends");
    expect(trends.openByPriority).toHaveLength(12 * 3);
    const week = (weekEnding: string) =>
      trends.openByPriority.filter((point) => point.weekEnding === weekEnding).map((point) => point.open);
    // The fires (RED) are open; the litter was raised and closed within the last week.
    expect(week("2026-12-08")).toEqual([1, 0, 0]);
    expect(week("2026-12-01")).toEqual([0, 0, 0]);
    expect(trends.openByPriority[0]?.weekEnding).toBe("2026-09-22");
    const council = await workflow.temp.store.organisation.findFirstOrThrow({
      where: { name: "North Yorkshire Council" },
    });
    expect(trends.onTimeByAgency).toEqual([
      { agency: ORGANISATION_KINDS[council.kind], percent: 100, done: 1 },
    ]);

    const board = await new Digests(repository).board(area.board, [area], workflow.clock.now);
    expect(board.trends).toEqual(trends);

    const message = renderOutboxMessage(
      "digest.weekly",
      await new Digests(repository).weekly(area, workflow.clock.now),
    ).message;
    const charts = message.blocks.filter((block) => block.kind === "chart");
    expect(charts.map((chart) => chart.title)).toEqual([
      "Open problems by priority, last 12 weeks",
      "Actions done on time by agency, last 12 weeks",
    ]);
    expect(charts[0] && chartAltText(charts[0])).toBe(
      "RED: 0 at 22/09/2026, 1 at 08/12/2026; AMBER: 0 at 22/09/2026, 0 at 08/12/2026; GREEN: 0 at 22/09/2026, 0 at 08/12/2026",
    );
    for (const chart of charts) {
      const png = await chartPng(chart.spec);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(JSON.stringify(chart.spec)).not.toMatch(/Example Street|Holmes|Ackroyd/);
    }
    // The Markdown says the same in words.
    expect(weeklyDigestMarkdown(await new Digests(repository).weekly(area, workflow.clock.now))).toContain(
      `- ${ORGANISATION_KINDS[council.kind]}: 100% of 1`,
    );
  });

  it("builds the board digest with this week's measures against the four before", async () => {
    const repository = new PrismaDigestRepository(workflow.temp.store);
    const area = (await repository.findArea("CRA")) as NonNullable<
      Awaited<ReturnType<typeof repository.findArea>>
    >;
    const digest = await new Digests(repository).board(area.board, [area], workflow.clock.now);
    expect(digest.areas[0]).toMatchObject({
      code: "CRA",
      doneOnTimePercent: { thisWeek: 100, lastFourWeeks: null },
      openByPriority: { RED: 1, AMBER: 0, GREEN: 0 },
      openByCategory: [{ category: "fire risk", count: 1 }],
      activityByAgency: [
        { agency: "ambulance", thisWeek: 1, lastFourWeeks: 0 },
        { agency: "fire and rescue", thisWeek: 1, lastFourWeeks: 0 },
      ],
    });
    expect(digest.areas[0]?.medianDaysToClose.thisWeek).toBe(0);
    expect(renderOutboxMessage("digest.board", digest).message.summary).toMatch(/\(OFFICIAL\)$/);
  });

  it("answers digest to the area's coordinators and board members only, auditing each read and refusal", async () => {
    expect(text(await command(coordinator, "digest"))).toContain("Craven weekly digest");
    const board = await command(await workflow.actorFor("michael.hartley@nypolice.example"), "digest Craven");
    expect(board.summary).toContain("North Yorkshire Community Safety Strategic Board digest");
    expect(
      (await command(await workflow.actorFor("rachel.moorhouse@nypolice.example"), "digest CRA")).summary,
    ).toBe("Only Craven's coordinators and board members can see its digest.");
    expect((await command(coordinator, "digest Atlantis")).summary).toBe(
      '"Atlantis" is not an area in the register',
    );
    const audits = await workflow.temp.store.auditEvent.findMany({
      where: { verb: { startsWith: "digest." } },
    });
    expect(audits.map((audit) => audit.verb).sort()).toEqual([
      "digest.read",
      "digest.read",
      "digest.refused",
    ]);
  });

  it("takes leave with away and back, and gives new actions to the deputy meanwhile", async () => {
    const rachel = await workflow.actorFor("rachel.moorhouse@nypolice.example");
    expect((await command(rachel, "away")).summary).toMatch(/^Until when\?/);
    expect((await command(rachel, "away until 01/12/2026")).summary).toBe(
      "01/12/2026 is in the past. The day you are back must be today or later.",
    );
    expect((await command(rachel, "away until 08/12/2026")).summary).toMatch(
      /08\/12\/2026 is today or earlier/,
    );
    expect((await command(rachel, "away until 14/12/2026")).summary).toBe(
      'Noted: you are away until 14/12/2026. Your chases and new actions go to Tom Hebden until then. Say "back" if you return early.',
    );
    const action = await workflow.actions.task(coordinator, "CRA-2026-0001", {
      text: "Speak to the park's neighbours",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    expect(action.assigneeName).toBe("Tom Hebden");
    expect((await command(rachel, "back")).summary).toMatch(/^Welcome back/);
    const again = await workflow.actions.task(coordinator, "CRA-2026-0001", {
      text: "Check the park's lighting",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    expect(again.assigneeName).toBe("Rachel Moorhouse");
    const audits = await workflow.temp.store.auditEvent.findMany({
      where: { verb: { in: ["contact.away", "contact.back"] } },
      orderBy: { at: "asc" },
    });
    expect(audits.map((audit) => [audit.verb, audit.after])).toEqual([
      ["contact.away", { awayUntil: "2026-12-14" }],
      ["contact.back", { awayUntil: null }],
    ]);
  });

  it("shows coordinators the next runs and the last run's counts", async () => {
    const message = await command(coordinator, "schedule");
    expect(text(message)).toContain(
      "chase (chases actions and reviews that are due): next Tue 08/12, 13:00, Tue 08/12, 18:00; not run yet",
    );
    expect(
      (await command(await workflow.actorFor("rachel.moorhouse@nypolice.example"), "schedule")).summary,
    ).toBe("Only coordinators can see the schedule.");
  });

  it("writes the digest as Markdown from the command line", () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [LAUNCHER, ...args], {
        env: { ...process.env, DATABASE_URL: workflow.temp.databaseUrl },
        encoding: "utf8",
        timeout: 60_000,
      });
    const weekly = run(["digest", "--area", "CRA"]);
    expect(weekly.status).toBe(0);
    expect(weekly.stdout).toMatch(/^# Craven weekly digest, /);
    expect(weekly.stdout).toContain("**OFFICIAL-SENSITIVE**");
    expect(run(["digest", "--area", "CRA", "--board"]).stdout).toMatch(
      /^# North Yorkshire Community Safety Strategic Board digest/,
    );
    const unknown = run(["digest", "--area", "ZZZ"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('"ZZZ" is not an area in the register.');
    // Three command-line processes, each starting TypeScript and opening the database.
  }, 90_000);
});
