// The workflow's repository over Prisma: problems, partners and actions, mapped to the core's types.

import type { ActionStatus } from "../core/actions/status.js";
import type { ThreadPost } from "../core/intake/thread-news.js";
import type { OutboxEntry } from "../core/outbox.js";
import type {
  Action,
  ActionChanges,
  NewAction,
  NewProblem,
  Partner,
  Problem,
  ProblemChanges,
  WorkflowRepository,
} from "../core/problems/model.js";
import type { AuditEntry, Contact, OrganisationKind } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { dateToDay, dayToDate } from "./calendar-day.js";
import { enqueueThreadPost } from "./channel-post-repository.js";
import type { Prisma } from "./generated/client.js";
import { enqueueOutbox } from "./outbox-repository.js";
import { contactInclude, toContact } from "./register-repository.js";
import { type Client, inTransaction } from "./transaction.js";

const problemInclude = {
  area: { select: { id: true, code: true, name: true } },
  partners: {
    where: { removedAt: null },
    include: { organisation: true, contact: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  },
} as const satisfies Prisma.ProblemInclude;

const actionInclude = {
  problem: { select: { ref: true } },
  organisation: { select: { name: true } },
  assignee: { select: { name: true } },
  updates: { orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.ActionInclude;

type ProblemRow = Prisma.ProblemGetPayload<{ include: typeof problemInclude }>;
type ActionRow = Prisma.ActionGetPayload<{ include: typeof actionInclude }>;

function toProblem(row: ProblemRow): Problem {
  return {
    id: row.id,
    ref: row.ref,
    area: row.area,
    title: row.title,
    category: row.category,
    postcodeOutward: row.postcodeOutward,
    repeatLocation: row.repeatLocation,
    repeatVictim: row.repeatVictim,
    repeatOffender: row.repeatOffender,
    objective: row.objective,
    objectiveDetail: row.objectiveDetail,
    harm: row.harm,
    likelihood: row.likelihood,
    vulnerablePerson: row.vulnerablePerson,
    priority: row.priority,
    status: row.status,
    saraStage: row.saraStage,
    nextReviewOn: dateToDay(row.nextReviewOn),
    classification: row.classification,
    outcome: row.outcome,
    assessment: row.assessment,
    escalationReason: row.escalationReason,
    escalatedAt: row.escalatedAt,
    raisedById: row.raisedById,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    partners: row.partners.map(
      (partner): Partner => ({
        organisationId: partner.organisationId,
        organisationName: partner.organisation.name,
        organisationKind: partner.organisation.kind,
        contactId: partner.contactId,
        contactName: partner.contact?.name ?? null,
        isLead: partner.isLead,
        reason: partner.reason,
      }),
    ),
    details: {
      description: row.description,
      locationText: row.locationText,
      postcode: row.postcode,
      gridReference: row.gridReference,
      victimOrTarget: row.victimOrTarget,
      guardian: row.guardian,
      offender: row.offender,
      handler: row.handler,
      placeManager: row.placeManager,
    },
  };
}

function toAction(row: ActionRow): Action {
  return {
    id: row.id,
    problemId: row.problemId,
    problemRef: row.problem.ref,
    text: row.text,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    assigneeId: row.assigneeId,
    assigneeName: row.assignee?.name ?? null,
    dueOn: dateToDay(row.dueOn),
    status: row.status,
    declineReason: row.declineReason,
    outcome: row.outcome,
    createdAt: row.createdAt,
    updates: row.updates.map((update) => ({
      authorId: update.authorId,
      text: update.text,
      at: update.createdAt,
    })),
  };
}

function problemColumns(changes: ProblemChanges): Prisma.ProblemUncheckedUpdateInput {
  const { details, nextReviewOn, ...plain } = changes;
  return { ...plain, ...details, ...(nextReviewOn ? { nextReviewOn: dayToDate(nextReviewOn) } : {}) };
}

export class PrismaWorkflowRepository implements WorkflowRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: WorkflowRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as WorkflowRepository,
      (tx) => new PrismaWorkflowRepository(tx),
      work,
    );
  }

  async findArea(codeOrName: string) {
    const wanted = codeOrName.trim();
    const areas = await this.client.area.findMany({ select: { id: true, code: true, name: true } });
    return (
      areas.find(
        (area) => area.code === wanted.toUpperCase() || area.name.toLowerCase() === wanted.toLowerCase(),
      ) ?? null
    );
  }

  async findContact(id: string): Promise<Contact | null> {
    const row = await this.client.contact.findUnique({ where: { id }, include: contactInclude });
    return row ? toContact(row) : null;
  }

  async findContactByEmail(email: string): Promise<Contact | null> {
    const row = await this.client.contact.findUnique({
      where: { email: email.trim().toLowerCase() },
      include: contactInclude,
    });
    return row ? toContact(row) : null;
  }

  async findOrganisation(name: string) {
    const row = await this.client.organisation.findUnique({ where: { nameKey: name.trim().toLowerCase() } });
    return row ? { id: row.id, name: row.name, kind: row.kind } : null;
  }

  async partnerCandidates(areaId: string, themes: string[], kinds: OrganisationKind[]): Promise<Contact[]> {
    const rows = await this.client.contact.findMany({
      where: {
        retiredAt: null,
        memberships: { some: { areaId, role: { in: ["SPOC", "DEPUTY"] } } },
        OR: [{ themes: { some: { theme: { in: themes } } } }, { organisation: { kind: { in: kinds } } }],
      },
      include: contactInclude,
      orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
    });
    return rows.map(toContact);
  }

  async contactsWithRole(
    areaId: string,
    role: "COORDINATOR" | "SPOC" | "DEPUTY" | "BOARD_MEMBER",
    organisationId?: string,
  ): Promise<Contact[]> {
    const rows = await this.client.contact.findMany({
      where: {
        retiredAt: null,
        memberships: { some: { areaId, role } },
        ...(organisationId ? { organisationId } : {}),
      },
      include: contactInclude,
      orderBy: { name: "asc" },
    });
    return rows.map(toContact);
  }

  async nextProblemNumber(areaId: string, year: number): Promise<number> {
    // One statement that creates or increments, and a write first, so the transaction holds the
    // write lock before it reads anything: concurrent raises, in this process or another, queue
    // here instead of reading the same number (SQLite and PostgreSQL both speak this SQL).
    const [counter] = await this.client.$queryRaw<{ last: number | bigint }[]>`
      INSERT INTO "ProblemCounter" ("areaId", "year", "last") VALUES (${areaId}, ${year}, 1)
      ON CONFLICT ("areaId", "year") DO UPDATE SET "last" = "ProblemCounter"."last" + 1
      RETURNING "last"`;
    if (!counter) throw new Error("the problem counter returned no row");
    return Number(counter.last);
  }

  async createProblem(problem: NewProblem & { ref: string }): Promise<Problem> {
    const { details, nextReviewOn, ...plain } = problem;
    const row = await this.client.problem.create({
      data: { ...plain, ...details, nextReviewOn: dayToDate(nextReviewOn) },
      include: problemInclude,
    });
    return toProblem(row);
  }

  async findProblemByRef(ref: string): Promise<Problem | null> {
    const row = await this.client.problem.findUnique({
      where: { ref: ref.trim().toUpperCase() },
      include: problemInclude,
    });
    return row ? toProblem(row) : null;
  }

  async findProblemById(id: string): Promise<Problem | null> {
    const row = await this.client.problem.findUnique({ where: { id }, include: problemInclude });
    return row ? toProblem(row) : null;
  }

  async findProblemByClientKey(raisedById: string, clientKey: string): Promise<Problem | null> {
    const row = await this.client.problem.findUnique({
      where: { raisedById_clientKey: { raisedById, clientKey } },
      include: problemInclude,
    });
    return row ? toProblem(row) : null;
  }

  async updateProblem(id: string, changes: ProblemChanges): Promise<Problem> {
    const row = await this.client.problem.update({
      where: { id },
      data: problemColumns(changes),
      include: problemInclude,
    });
    return toProblem(row);
  }

  async setPartner(
    problemId: string,
    partner: Omit<Partner, "organisationName" | "organisationKind" | "contactName">,
  ) {
    const values = {
      contactId: partner.contactId,
      isLead: partner.isLead,
      reason: partner.reason,
      removedAt: null,
    };
    await this.client.problemPartner.upsert({
      where: { problemId_organisationId: { problemId, organisationId: partner.organisationId } },
      create: { problemId, organisationId: partner.organisationId, ...values },
      update: values,
    });
  }

  async removePartner(problemId: string, organisationId: string): Promise<void> {
    await this.client.problemPartner.updateMany({
      where: { problemId, organisationId, removedAt: null },
      data: { removedAt: new Date() },
    });
  }

  async openProblems(areaId: string): Promise<Problem[]> {
    const rows = await this.client.problem.findMany({
      where: { areaId, status: { not: "CLOSED" } },
      include: problemInclude,
      orderBy: { createdAt: "asc" },
    });
    return rows.map(toProblem);
  }

  async createAction(action: NewAction): Promise<Action> {
    const row = await this.client.action.create({
      data: { ...action, dueOn: dayToDate(action.dueOn) },
      include: actionInclude,
    });
    return toAction(row);
  }

  async findAction(id: string): Promise<Action | null> {
    const row = await this.client.action.findUnique({ where: { id }, include: actionInclude });
    return row ? toAction(row) : null;
  }

  async findActionByClientKey(clientKey: string): Promise<Action | null> {
    const row = await this.client.action.findUnique({ where: { clientKey }, include: actionInclude });
    return row ? toAction(row) : null;
  }

  async updateActionFrom(id: string, from: ActionStatus, changes: ActionChanges): Promise<Action | null> {
    const { dueOn, ...plain } = changes;
    // One conditional UPDATE: on PostgreSQL a second writer waits for the first's row lock, then
    // finds the status moved and matches nothing.
    const { count } = await this.client.action.updateMany({
      where: { id, status: from },
      data: { ...plain, ...(dueOn ? { dueOn: dayToDate(dueOn) } : {}) },
    });
    return count === 1 ? this.findAction(id) : null;
  }

  async addActionUpdate(actionId: string, authorId: string, text: string): Promise<void> {
    await this.client.actionUpdate.create({ data: { actionId, authorId, text } });
  }

  async actionsOf(problemIds: string[]): Promise<Action[]> {
    const rows = await this.client.action.findMany({
      where: { problemId: { in: problemIds } },
      include: actionInclude,
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
    });
    return rows.map(toAction);
  }

  async openActionsFor(contactId: string): Promise<Action[]> {
    const rows = await this.client.action.findMany({
      where: { assigneeId: contactId, status: { in: ["PROPOSED", "ACCEPTED"] } },
      include: actionInclude,
      orderBy: { dueOn: "asc" },
    });
    return rows.map(toAction);
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }

  async enqueue(entries: OutboxEntry[]): Promise<void> {
    await enqueueOutbox(this.client, entries);
  }

  async postToThread(post: ThreadPost): Promise<void> {
    await enqueueThreadPost(this.client, post);
  }
}
