// One problem's life end to end in the core, on a real SQLite database: raised by an officer,
// partners matched, a meeting convened, three actions tasked, one declined and reassigned, two done, then closed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../src/core/actor.js";
import { Meetings } from "../src/core/meetings/meetings.js";
import { operationalPlan } from "../src/core/problems/plan.js";
import { PrismaMeetingRepository } from "../src/store/meeting-repository.js";
import { openWorkflow, type Workflow } from "./support/workflow.js";

describe("a problem from raise to close", () => {
  let workflow: Workflow;
  let officer: Actor;
  let coordinator: Actor;
  let fireSpoc: Actor;
  let policeSpoc: Actor;
  let councilSpoc: Actor;

  beforeAll(async () => {
    workflow = await openWorkflow();
    officer = await workflow.actorFor("sam.holmes@nyfrs.example");
    coordinator = await workflow.actorFor("coordinator.craven@ldg.example");
    fireSpoc = await workflow.actorFor("joanne.hirst@nyfrs.example");
    policeSpoc = await workflow.actorFor("rachel.moorhouse@nypolice.example");
    councilSpoc = await workflow.actorFor("julie.ackroyd@northyorks.example");
  });
  afterAll(async () => workflow.temp.dispose());

  it("runs the whole workflow, and the plan, outbox and audit trail show exactly that", async () => {
    const { problems, actions, repository, temp } = workflow;

    const { problem, created } = await problems.raise(officer, {
      title: "Deliberate fires near the skate park",
      area: "CRA",
      category: "fire risk",
      harm: 3,
      likelihood: 3,
      locationText: "Behind the skate park",
      locationReference: "bd23 1aa",
      offender: "Group of young people seen most evenings",
      clientKey: "teams:activity-1",
    });
    expect(created).toBe(true);
    expect(problem.ref).toBe("CRA-2026-0001");
    expect(problem.priority).toBe("RED");
    expect(problem.nextReviewOn).toBe("2026-12-09");
    expect(problem.postcodeOutward).toBe("BD23");
    const retried = await problems.raise(officer, {
      title: "x x x",
      area: "CRA",
      category: "other",
      harm: 1,
      likelihood: 1,
      clientKey: "teams:activity-1",
    });
    expect(retried).toMatchObject({ created: false, problem: { id: problem.id } });

    const suggestions = await problems.suggestPartners(coordinator, problem.ref);
    const fire = suggestions.find((s) => s.organisationName === "North Yorkshire Fire and Rescue Service");
    expect(fire).toMatchObject({ contactName: "Joanne Hirst" });
    expect(fire?.reason).toMatch(/SPOC for Craven; covers fire-safety/);
    for (const organisation of ["North Yorkshire Fire and Rescue Service", "North Yorkshire Police"]) {
      await problems.addPartner(coordinator, problem.ref, organisation, {
        reason: "suggested from the register",
      });
    }

    const opened: string[] = [];
    const meetings = new Meetings(
      new PrismaMeetingRepository(temp.store),
      {
        async open(conversationProblem, members) {
          opened.push(`${conversationProblem.ref}:${members.length}`);
          return { conversationId: `conversation-${conversationProblem.ref}` };
        },
      },
      () => workflow.clock.now,
    );
    const convened = await meetings.convene(coordinator, {
      problemRefs: [problem.ref],
      when: "next Tuesday 10:00",
      place: "Skipton Town Hall",
    });
    expect(convened.meeting.invitees.map((invitee) => invitee.contactName).sort()).toEqual([
      "Joanne Hirst",
      "Rachel Moorhouse",
    ]);
    expect(opened).toEqual([`${problem.ref}:3`]);
    expect((await problems.show(coordinator, problem.ref)).status).toBe("CONVENED");

    const patrol = await actions.task(coordinator, problem.ref, {
      text: "Extra evening patrols for two weeks",
      organisation: "North Yorkshire Police",
      due: "next Friday",
    });
    const visit = await actions.task(coordinator, problem.ref, {
      text: "Fire safety talk at the youth club",
      organisation: "North Yorkshire Fire and Rescue Service",
      due: "31/12",
    });
    const clearance = await actions.task(coordinator, problem.ref, {
      text: "Clear the fly-tipped waste that is being set alight",
      organisation: "North Yorkshire Council",
      due: "in 2 weeks",
    });
    expect(patrol).toMatchObject({
      dueOn: "2026-12-04",
      assigneeName: "Rachel Moorhouse",
      status: "PROPOSED",
      rag: "GREEN",
    });
    expect(visit.dueOn).toBe("2026-12-31");
    expect(clearance).toMatchObject({ dueOn: "2026-12-09", assigneeName: "Julie Ackroyd" });

    await expect(actions.accept(fireSpoc, patrol.id)).rejects.toThrow(/belongs to North Yorkshire Police/);
    await actions.accept(policeSpoc, patrol.id);
    await actions.accept(fireSpoc, visit.id);
    await expect(actions.decline(councilSpoc, clearance.id, "")).rejects.toThrow(/reason/);
    await actions.decline(councilSpoc, clearance.id, "The land belongs to the housing association");
    const reassigned = await actions.reassign(coordinator, clearance.id, {
      organisation: "Yorkshire Housing",
    });
    expect(reassigned).toMatchObject({
      status: "PROPOSED",
      assigneeName: "Adam Varley",
      organisationName: "Yorkshire Housing",
    });

    await actions.addUpdate(policeSpoc, patrol.id, "Patrols started on Monday");
    await actions.done(policeSpoc, patrol.id, "Two weeks of patrols; no fires since day three");
    await actions.done(fireSpoc, visit.id, "Talk given to 30 young people");

    const plan = await operationalPlan(repository, actions, coordinator, "CRA");
    expect(plan.entries.map((entry) => entry.problem.ref)).toEqual(["CRA-2026-0001"]);
    expect(plan.entries[0]?.actions.map((a) => [a.text, a.status])).toEqual([
      ["Clear the fly-tipped waste that is being set alight", "PROPOSED"],
    ]);

    const closed = await problems.close(coordinator, problem.ref, {
      outcome: "Fires stopped; waste cleared by Yorkshire Housing",
      assessment: "Worked: no deliberate fires in the four weeks after the patrols",
    });
    expect(closed.status).toBe("CLOSED");
    expect((await operationalPlan(repository, actions, coordinator, "CRA")).entries).toEqual([]);

    const audit = await temp.store.auditEvent.findMany({
      where: { entityType: { in: ["Problem", "Action"] } },
      orderBy: { at: "asc" },
      select: { verb: true },
    });
    expect(audit.map((event) => event.verb)).toEqual([
      "problem.raised",
      "problem.partner.added",
      "problem.partner.added",
      "problem.convened",
      "action.tasked",
      "problem.active",
      "action.tasked",
      "action.tasked",
      "action.accepted",
      "action.accepted",
      "action.declined",
      "action.reassigned",
      "action.updated",
      "action.done",
      "action.done",
      "problem.closed",
    ]);
    const auditText = JSON.stringify(await temp.store.auditEvent.findMany());
    expect(auditText).not.toMatch(/Behind the skate park|seen most evenings|BD23 1AA/);

    const outbox = await temp.store.outboxMessage.findMany({
      include: { recipient: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    const sent = outbox.map((message) => `${message.kind} -> ${message.recipient.email}`);
    expect(sent).toEqual(
      expect.arrayContaining([
        "problem.raised -> coordinator.craven@ldg.example",
        "problem.raised -> demo@ldg.example",
        "partner.added -> joanne.hirst@nyfrs.example",
        "partner.added -> rachel.moorhouse@nypolice.example",
        "meeting.invitation -> joanne.hirst@nyfrs.example",
        "meeting.invitation -> rachel.moorhouse@nypolice.example",
        "action.assigned -> rachel.moorhouse@nypolice.example",
        "action.assigned -> joanne.hirst@nyfrs.example",
        "action.assigned -> julie.ackroyd@northyorks.example",
        "action.declined -> coordinator.craven@ldg.example",
        "action.assigned -> adam.varley@yorkshirehousing.example",
        "action.done -> sam.holmes@nyfrs.example",
        "problem.closed -> sam.holmes@nyfrs.example",
      ]),
    );
    expect(JSON.stringify(outbox.map((message) => message.payload))).not.toMatch(
      /Behind the skate park|seen most evenings|BD23 1AA/,
    );
  });
});
