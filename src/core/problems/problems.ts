// The problem's use cases: raise, show, read details, match and change partners, re-score,
// escalate, close and reopen. Each change is access-checked and written with its audit event and
// the messages it causes, in one transaction.
import { z } from "zod";
import { type Actor, actorName } from "../actor.js";
import { AccessDenied, InvalidInput, NotFound } from "../errors.js";
import { problemNews, threadStart } from "../intake/thread-news.js";
import type { Contact, OrganisationKind } from "../register/model.js";
import { addCalendarDays, calendarDayInZone, LDG_TIME_ZONE } from "../time/due-date.js";
import { parseInput } from "../validation.js";
import { assertCanEdit, assertCanSee, assertCoordinator, isCoordinatorOf } from "./access.js";
import type {
  Problem,
  ProblemCategory,
  ProblemChanges,
  ProblemDetails,
  WorkflowRepository,
} from "./model.js";
import { type Priority, priorityOf, REVIEW_INTERVAL_DAYS, type Score } from "./priority.js";
import {
  type ProblemInput,
  type ProblemUpdate,
  problemInputSchema,
  problemUpdateSchema,
} from "./problem-input.js";
import { canMoveProblem, type ProblemStatus } from "./status.js";

/** Register themes and organisation kinds that make a partner relevant to each category. */
const CATEGORY_PARTNERS: Record<ProblemCategory, { themes: string[]; kinds: OrganisationKind[] }> = {
  ASB: { themes: ["asb"], kinds: ["POLICE"] },
  DRUGS: { themes: ["drugs"], kinds: ["POLICE"] },
  EXPLOITATION: { themes: ["exploitation", "safeguarding"], kinds: ["POLICE"] },
  FIRE_RISK: { themes: ["fire-safety"], kinds: ["FIRE"] },
  ROAD_SAFETY: { themes: ["road-safety"], kinds: ["POLICE"] },
  SAFEGUARDING: { themes: ["safeguarding", "mental-health"], kinds: [] },
  ENVIRONMENTAL: { themes: ["environmental"], kinds: [] },
  HATE_CRIME: { themes: ["hate-crime"], kinds: ["POLICE"] },
  OTHER: { themes: [], kinds: ["POLICE", "UNITARY_COUNCIL", "DISTRICT_COUNCIL"] },
};

/** The fields of a problem that are personal details, kept apart from what messages may carry. */
const DETAIL_FIELDS: (keyof ProblemDetails)[] = [
  "description",
  "locationText",
  "victimOrTarget",
  "guardian",
  "offender",
  "handler",
  "placeManager",
];

export interface PartnerSuggestion {
  organisationId: string;
  organisationName: string;
  contactId: string;
  contactName: string;
  reason: string;
}

/** What chat messages may carry about a problem: never personal details. */
export function problemHeadline(problem: Problem) {
  return {
    problemId: problem.id,
    ref: problem.ref,
    title: problem.title,
    priority: problem.priority,
    classification: problem.classification,
  };
}

const reasonSchema = z
  .string({ message: "is required" })
  .trim()
  .min(5, { message: "needs a few words (at least 5 characters)" })
  .max(2000, { message: "is longer than 2000 characters" });

export class Problems {
  constructor(
    private readonly repository: WorkflowRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  private today(): string {
    return calendarDayInZone(this.now(), this.timeZone);
  }

  private reviewDate(priority: Priority): string {
    return addCalendarDays(this.today(), REVIEW_INTERVAL_DAYS[priority]);
  }

  async raise(actor: Actor, input: ProblemInput): Promise<{ problem: Problem; created: boolean }> {
    if (actor.contactId === null) throw new AccessDenied("Problems are raised by people in the register.");
    const raisedById = actor.contactId;
    const valid = parseInput(problemInputSchema, input);
    if (valid.clientKey) {
      const earlier = await this.repository.findProblemByClientKey(raisedById, valid.clientKey);
      if (earlier) return { problem: earlier, created: false };
    }
    const area = await this.repository.findArea(valid.area);
    if (!area) throw new InvalidInput([`area: "${valid.area}" is not an area in the register`]);
    const mayRaise =
      isCoordinatorOf(actor, area.id) ||
      actor.memberships.some((membership) => membership.areaId === area.id && membership.role === "OFFICER");
    if (!mayRaise)
      throw new AccessDenied(`Only ${area.name}'s officers and coordinator can raise problems there.`);

    const priority = priorityOf(valid.harm as Score, valid.likelihood as Score, valid.vulnerablePerson);
    const reference = valid.locationReference;
    try {
      return await this.repository.transaction(async (repository) => {
        const year = Number(this.today().slice(0, 4));
        const number = await repository.nextProblemNumber(area.id, year);
        const problem = await repository.createProblem({
          ref: `${area.code}-${year}-${String(number).padStart(4, "0")}`,
          areaId: area.id,
          title: valid.title,
          category: valid.category,
          postcodeOutward: reference?.kind === "postcode" ? reference.outward : null,
          repeatLocation: valid.repeatLocation,
          repeatVictim: valid.repeatVictim,
          repeatOffender: valid.repeatOffender,
          objective: valid.objective ?? null,
          objectiveDetail: valid.objectiveDetail ?? null,
          harm: valid.harm,
          likelihood: valid.likelihood,
          vulnerablePerson: valid.vulnerablePerson,
          priority,
          nextReviewOn: this.reviewDate(priority),
          classification: valid.classification,
          raisedById,
          clientKey: valid.clientKey ?? null,
          details: {
            description: valid.description ?? null,
            locationText: valid.locationText ?? null,
            postcode: reference?.kind === "postcode" ? reference.postcode : null,
            gridReference: reference?.kind === "grid" ? reference.gridReference : null,
            victimOrTarget: valid.victimOrTarget ?? null,
            guardian: valid.guardian ?? null,
            offender: valid.offender ?? null,
            handler: valid.handler ?? null,
            placeManager: valid.placeManager ?? null,
          },
        });
        await this.audit(repository, actor, "problem.raised", problem, null);
        const coordinators = await repository.contactsWithRole(area.id, "COORDINATOR");
        await repository.enqueue(
          coordinators
            .filter((coordinator) => coordinator.id !== raisedById)
            .map((coordinator) => ({
              key: `problem.raised:${problem.id}:${coordinator.id}`,
              recipientId: coordinator.id,
              kind: "problem.raised" as const,
              payload: { ...problemHeadline(problem), areaName: area.name },
            })),
        );
        return { problem, created: true };
      });
    } catch (error) {
      // Two identical retries at the same moment: the loser finds the winner's problem.
      if (valid.clientKey) {
        const winner = await this.repository.findProblemByClientKey(raisedById, valid.clientKey);
        if (winner) return { problem: winner, created: false };
      }
      throw error;
    }
  }

  /** The problem as its card shows it (no personal details). */
  async show(actor: Actor, ref: string): Promise<Problem> {
    const problem = await this.find(ref);
    assertCanSee(actor, problem);
    return problem;
  }

  /** The personal details, for someone who is part of the problem; every read is audited, and so is a refusal. */
  async details(actor: Actor, ref: string): Promise<{ problem: Problem; details: ProblemDetails }> {
    const problem = await this.find(ref);
    try {
      assertCanSee(actor, problem);
    } catch (error) {
      await this.repository.recordAudit(this.entry(actor, "problem.details.refused", problem, null, null));
      throw error;
    }
    await this.repository.recordAudit(this.entry(actor, "problem.details.read", problem, null, null));
    return { problem, details: problem.details };
  }

  /** Partners from the register for the problem's area and category: one contact per organisation, SPOC before deputy. */
  async suggestPartners(actor: Actor, ref: string): Promise<PartnerSuggestion[]> {
    const problem = await this.find(ref);
    assertCanSee(actor, problem);
    const wanted = CATEGORY_PARTNERS[problem.category];
    const candidates = await this.repository.partnerCandidates(problem.area.id, wanted.themes, wanted.kinds);
    const byOrganisation = new Map<string, { contact: Contact; role: "SPOC" | "DEPUTY" }>();
    for (const contact of candidates) {
      const role = contact.memberships.some((m) => m.area.id === problem.area.id && m.role === "SPOC")
        ? "SPOC"
        : "DEPUTY";
      const chosen = byOrganisation.get(contact.organisation.id);
      if (!chosen || (chosen.role === "DEPUTY" && role === "SPOC")) {
        byOrganisation.set(contact.organisation.id, { contact, role });
      }
    }
    return [...byOrganisation.values()].map(({ contact, role }) => {
      const themes = contact.themes.filter((theme) => wanted.themes.includes(theme));
      const why =
        themes.length > 0
          ? `covers ${themes.join(" and ")}`
          : `${contact.organisation.name} leads on this kind of problem`;
      return {
        organisationId: contact.organisation.id,
        organisationName: contact.organisation.name,
        contactId: contact.id,
        contactName: contact.name,
        reason: `${role === "SPOC" ? "SPOC" : "deputy (no SPOC listed)"} for ${problem.area.name}; ${why}`,
      };
    });
  }

  /** Adds (or re-adds) a partner organisation, answering through its SPOC for the area unless a contact is named. */
  async addPartner(
    actor: Actor,
    ref: string,
    organisationName: string,
    options: { reason?: string; lead?: boolean; contactId?: string } = {},
  ): Promise<Problem> {
    const problem = await this.find(ref);
    assertCoordinator(actor, problem, "change a problem's partners");
    const organisation = await this.repository.findOrganisation(organisationName);
    if (!organisation)
      throw new InvalidInput([`"${organisationName}" is not an organisation in the register`]);
    let contactId = options.contactId ?? null;
    if (!contactId) {
      const spocs = await this.repository.contactsWithRole(problem.area.id, "SPOC", organisation.id);
      const deputies =
        spocs.length > 0
          ? []
          : await this.repository.contactsWithRole(problem.area.id, "DEPUTY", organisation.id);
      contactId = spocs[0]?.id ?? deputies[0]?.id ?? null;
    }
    const reason = options.reason?.trim() || `added by ${actorName(actor)}`;
    return this.repository.transaction(async (repository) => {
      await repository.setPartner(problem.id, {
        organisationId: organisation.id,
        contactId,
        isLead: options.lead ?? false,
        reason,
      });
      const updated = (await repository.findProblemById(problem.id)) as Problem;
      await this.audit(repository, actor, "problem.partner.added", updated, problem);
      if (contactId) {
        await repository.enqueue([
          {
            key: `partner.added:${problem.id}:${organisation.id}:${contactId}`,
            recipientId: contactId,
            kind: "partner.added",
            payload: { ...problemHeadline(updated), organisationName: organisation.name, reason },
          },
        ]);
      }
      return updated;
    });
  }

  async removePartner(actor: Actor, ref: string, organisationName: string): Promise<Problem> {
    const problem = await this.find(ref);
    assertCoordinator(actor, problem, "change a problem's partners");
    const partner = problem.partners.find(
      (known) => known.organisationName.toLowerCase() === organisationName.trim().toLowerCase(),
    );
    if (!partner) throw new InvalidInput([`${organisationName} is not a partner on ${problem.ref}`]);
    return this.repository.transaction(async (repository) => {
      await repository.removePartner(problem.id, partner.organisationId);
      const updated = (await repository.findProblemById(problem.id)) as Problem;
      await this.audit(repository, actor, "problem.partner.removed", updated, problem);
      return updated;
    });
  }

  /** Fills in or corrects what was raised: the analysis triangle, repeats, objective, classification. */
  async update(actor: Actor, ref: string, input: ProblemUpdate): Promise<Problem> {
    const problem = await this.find(ref);
    assertCanEdit(actor, problem);
    if (problem.status === "CLOSED")
      throw new InvalidInput([`${problem.ref} is closed; reopen it to change it`]);
    const valid = parseInput(problemUpdateSchema, input);
    const { locationReference, ...fields } = valid;
    const details: Partial<ProblemDetails> = {};
    const plain: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (DETAIL_FIELDS.includes(field as keyof ProblemDetails)) Object.assign(details, { [field]: value });
      else plain[field] = value;
    }
    if (locationReference) {
      details.postcode = locationReference.kind === "postcode" ? locationReference.postcode : null;
      details.gridReference = locationReference.kind === "grid" ? locationReference.gridReference : null;
    }
    const changes: ProblemChanges = { ...(plain as ProblemChanges), details };
    if (locationReference)
      changes.postcodeOutward = locationReference.kind === "postcode" ? locationReference.outward : null;
    return this.change(actor, problem, "problem.updated", changes);
  }

  /** Changes harm, likelihood or vulnerability: the priority follows, and so does the next review date. */
  async rescore(
    actor: Actor,
    ref: string,
    scores: { harm?: number; likelihood?: number; vulnerablePerson?: boolean },
  ): Promise<Problem> {
    const problem = await this.find(ref);
    assertCanEdit(actor, problem);
    const valid = parseInput(
      z.object({
        harm: z.number().int().min(1).max(4).default(problem.harm),
        likelihood: z.number().int().min(1).max(4).default(problem.likelihood),
        vulnerablePerson: z.boolean().default(problem.vulnerablePerson),
      }),
      scores,
    );
    const priority = priorityOf(valid.harm as Score, valid.likelihood as Score, valid.vulnerablePerson);
    const changes: ProblemChanges = { ...valid, priority };
    if (priority !== problem.priority) changes.nextReviewOn = this.reviewDate(priority);
    return this.change(actor, problem, "problem.rescored", changes);
  }

  /** Moves the problem along its life, e.g. to TRIAGED or ACTIVE (coordinators). */
  async moveTo(
    actor: Actor,
    ref: string,
    status: Exclude<ProblemStatus, "ESCALATED" | "CLOSED">,
  ): Promise<Problem> {
    const problem = await this.find(ref);
    assertCoordinator(actor, problem, `move ${problem.ref} on`);
    this.assertMove(problem, status);
    return this.change(actor, problem, `problem.${status.toLowerCase()}`, { status });
  }

  async escalate(actor: Actor, ref: string, reason: string): Promise<Problem> {
    const problem = await this.find(ref);
    assertCoordinator(actor, problem, "escalate a problem to the Strategic Board");
    const why = parseInput(z.object({ reason: reasonSchema }), { reason }).reason;
    this.assertMove(problem, "ESCALATED");
    return this.repository.transaction(async (repository) => {
      const updated = await repository.updateProblem(problem.id, {
        status: "ESCALATED",
        escalationReason: why,
        escalatedAt: this.now(),
      });
      await this.audit(repository, actor, "problem.escalated", updated, problem);
      const board = await repository.contactsWithRole(problem.area.id, "BOARD_MEMBER");
      await repository.enqueue(
        board.map((member) => ({
          key: `problem.escalated:${problem.id}:${member.id}:${problem.status}`,
          recipientId: member.id,
          kind: "problem.escalated" as const,
          payload: { ...problemHeadline(updated), areaName: problem.area.name, reason: why },
        })),
      );
      return updated;
    });
  }

  /** Closes with an outcome and the Assessment (did it work, what changed). */
  async close(actor: Actor, ref: string, input: { outcome: string; assessment: string }): Promise<Problem> {
    const problem = await this.find(ref);
    assertCoordinator(actor, problem, "close a problem");
    const valid = parseInput(z.object({ outcome: reasonSchema, assessment: reasonSchema }), input);
    this.assertMove(problem, "CLOSED");
    return this.repository.transaction(async (repository) => {
      const updated = await repository.updateProblem(problem.id, {
        status: "CLOSED",
        saraStage: "ASSESSMENT",
        outcome: valid.outcome,
        assessment: valid.assessment,
        closedAt: this.now(),
      });
      await this.audit(repository, actor, "problem.closed", updated, problem);
      const recipients = new Set([
        problem.raisedById,
        ...problem.partners.map((partner) => partner.contactId).filter((id): id is string => id !== null),
      ]);
      await repository.enqueue(
        [...recipients].map((recipientId) => ({
          key: `problem.closed:${problem.id}:${recipientId}:${this.now().toISOString()}`,
          recipientId,
          kind: "problem.closed" as const,
          payload: { ...problemHeadline(updated), outcome: valid.outcome },
        })),
      );
      return updated;
    });
  }

  async reopen(actor: Actor, ref: string, reason: string): Promise<Problem> {
    const problem = await this.find(ref);
    assertCoordinator(actor, problem, "reopen a problem");
    parseInput(z.object({ reason: reasonSchema }), { reason });
    this.assertMove(problem, "ACTIVE");
    return this.change(actor, problem, "problem.reopened", {
      status: "ACTIVE",
      closedAt: null,
      nextReviewOn: this.reviewDate(problem.priority),
    });
  }

  private async change(
    actor: Actor,
    problem: Problem,
    verb: string,
    changes: ProblemChanges,
  ): Promise<Problem> {
    return this.repository.transaction(async (repository) => {
      const updated = await repository.updateProblem(problem.id, changes);
      await this.audit(repository, actor, verb, updated, problem);
      return updated;
    });
  }

  private assertMove(problem: Problem, to: ProblemStatus): void {
    if (problem.status === to) throw new InvalidInput([`${problem.ref} is already ${to.toLowerCase()}`]);
    if (!canMoveProblem(problem.status, to)) {
      throw new InvalidInput([
        `${problem.ref} is ${problem.status.toLowerCase()}, so it cannot be ${to.toLowerCase()} now`,
      ]);
    }
  }

  private async find(ref: string): Promise<Problem> {
    const problem = await this.repository.findProblemByRef(ref);
    if (!problem) throw new NotFound(`There is no problem ${ref.trim().toUpperCase()}.`);
    return problem;
  }

  private async audit(
    repository: WorkflowRepository,
    actor: Actor,
    verb: string,
    after: Problem,
    before: Problem | null,
  ) {
    await repository.recordAudit(this.entry(actor, verb, after, before, after));
    const post = verb === "problem.raised" ? threadStart(after) : problemNews(verb, after, this.now());
    if (post) await repository.postToThread(post);
  }

  /** Audit snapshots leave the personal details out: the audit log is read more widely than a problem. */
  private entry(actor: Actor, verb: string, problem: Problem, before: Problem | null, after: Problem | null) {
    const snapshot = (value: Problem | null) => {
      if (!value) return null;
      const { details: _details, ...rest } = value;
      return rest;
    };
    return {
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb,
      entityType: "Problem",
      entityId: problem.id,
      before: snapshot(before),
      after: snapshot(after),
    };
  }
}
