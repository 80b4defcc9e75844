// Chasing's reads and writes over Prisma. Each read is one indexed query over the actions or
// problems in a window (Action(status, dueOn), Action(status, updatedAt), Problem(status,
// nextReviewOn)), selecting only the columns a chase message needs.
import type {
  ChaseAction,
  ChasePerson,
  ChaseRepository,
  ChaseReview,
  ChaseStepRecord,
  ProblemHeadline,
} from "../core/chasing/model.js";
import { stepKey } from "../core/chasing/model.js";
import type { OutboxEntry } from "../core/outbox.js";
import { dateToDay, dayToDate } from "./calendar-day.js";
import type { Store } from "./database.js";
import type { Prisma } from "./generated/client.js";
import { enqueueOutbox } from "./outbox-repository.js";
import { inTransaction } from "./transaction.js";

/** Keeps `IN (...)` lists well inside every database's limit on bound parameters. */
const CHUNK = 500;

const OPEN_PROBLEM_STATUSES = ["RAISED", "TRIAGED", "CONVENED", "ACTIVE", "ESCALATED", "REVIEW"] as const;

const actionColumns = {
  id: true,
  problemId: true,
  text: true,
  assigneeId: true,
  status: true,
  dueOn: true,
  updatedAt: true,
  organisation: { select: { name: true } },
  problem: { select: { areaId: true } },
} as const satisfies Prisma.ActionSelect;

type ActionRow = Prisma.ActionGetPayload<{ select: typeof actionColumns }>;

function toChaseAction(row: ActionRow): ChaseAction {
  return {
    id: row.id,
    problemId: row.problemId,
    areaId: row.problem.areaId,
    text: row.text,
    organisationName: row.organisation.name,
    assigneeId: row.assigneeId,
    status: row.status,
    dueOn: dateToDay(row.dueOn),
    proposedAt: row.updatedAt,
  };
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

export class PrismaChaseRepository implements ChaseRepository {
  constructor(private readonly store: Store) {}

  async areas() {
    const rows = await this.store.area.findMany({
      select: {
        id: true,
        chasePolicy: true,
        memberships: {
          where: { role: "COORDINATOR", contact: { retiredAt: null } },
          select: { contactId: true },
          orderBy: { contactId: "asc" },
        },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      chasePolicy: row.chasePolicy,
      coordinatorIds: row.memberships.map((membership) => membership.contactId),
    }));
  }

  async unacceptedBefore(beforeDay: string): Promise<ChaseAction[]> {
    const rows = await this.store.action.findMany({
      where: { status: "PROPOSED", updatedAt: { lt: dayToDate(beforeDay) } },
      select: actionColumns,
    });
    return rows.map(toChaseAction);
  }

  async acceptedDueBetween(fromDay: string, toDay: string): Promise<ChaseAction[]> {
    const rows = await this.store.action.findMany({
      where: { status: "ACCEPTED", dueOn: { gte: dayToDate(fromDay), lte: dayToDate(toDay) } },
      select: actionColumns,
    });
    return rows.map(toChaseAction);
  }

  async overdueBefore(beforeDay: string): Promise<ChaseAction[]> {
    const before = dayToDate(beforeDay);
    // Two queries, one per status, so each is a range scan on Action(status, dueOn).
    const [proposed, accepted] = await Promise.all(
      (["PROPOSED", "ACCEPTED"] as const).map((status) =>
        this.store.action.findMany({ where: { status, dueOn: { lt: before } }, select: actionColumns }),
      ),
    );
    return [...(proposed ?? []), ...(accepted ?? [])].map(toChaseAction);
  }

  async reviewsDueBy(day: string): Promise<ChaseReview[]> {
    const rows = await this.store.problem.findMany({
      where: { status: { in: [...OPEN_PROBLEM_STATUSES] }, nextReviewOn: { lte: dayToDate(day) } },
      select: {
        id: true,
        areaId: true,
        nextReviewOn: true,
        actions: {
          where: { status: { in: ["PROPOSED", "ACCEPTED"] } },
          select: { text: true, status: true, dueOn: true, organisation: { select: { name: true } } },
          orderBy: { dueOn: "asc" },
        },
      },
    });
    return rows.map((row) => ({
      problemId: row.id,
      areaId: row.areaId,
      nextReviewOn: dateToDay(row.nextReviewOn),
      actions: row.actions.map((action) => ({
        text: action.text,
        organisationName: action.organisation.name,
        status: action.status,
        dueOn: dateToDay(action.dueOn),
      })),
    }));
  }

  async headlines(problemIds: string[]): Promise<Map<string, ProblemHeadline>> {
    const found = new Map<string, ProblemHeadline>();
    for (const ids of chunks(problemIds)) {
      const rows = await this.store.problem.findMany({
        where: { id: { in: ids } },
        select: { id: true, ref: true, title: true, priority: true, classification: true },
      });
      for (const { id, ...headline } of rows) found.set(id, headline);
    }
    return found;
  }

  async people(ids: string[]): Promise<Map<string, ChasePerson>> {
    const found = new Map<string, ChasePerson>();
    for (const chunk of chunks(ids)) {
      const rows = await this.store.contact.findMany({
        where: { id: { in: chunk } },
        select: { id: true, deputyId: true, awayUntil: true, retiredAt: true },
      });
      for (const row of rows) {
        found.set(row.id, {
          id: row.id,
          deputyId: row.deputyId,
          awayUntil: row.awayUntil ? dateToDay(row.awayUntil) : null,
          retired: row.retiredAt !== null,
        });
      }
    }
    return found;
  }

  async alreadySent(steps: ChaseStepRecord[]): Promise<Set<string>> {
    const sent = new Set<string>();
    const subjects = [...new Set(steps.map((step) => step.subject))];
    for (const chunk of chunks(subjects)) {
      const rows = await this.store.chaseStep.findMany({
        where: { subject: { in: chunk } },
        select: { subject: true, step: true, occurrence: true, recipientId: true },
      });
      for (const row of rows) sent.add(stepKey(row as ChaseStepRecord));
    }
    return sent;
  }

  async send(steps: ChaseStepRecord[], message: OutboxEntry, slotKey: string): Promise<void> {
    await inTransaction(
      this.store,
      this.store as Prisma.TransactionClient,
      (tx) => tx,
      async (tx) => {
        await tx.chaseStep.createMany({ data: steps.map((step) => ({ ...step, slotKey })) });
        await enqueueOutbox(tx, [message]);
      },
    );
  }
}
