// Chasing's reads and writes. A chase run reads tens of thousands of actions at county scale, so
// the windows are read with plain SQL (one indexed query each, flat rows, only the columns a chase
// message needs: SQLite and PostgreSQL both speak it), and steps are recorded with
// INSERT ... ON CONFLICT DO NOTHING, which tells the run which steps are new without reading first.
import type {
  ChaseAction,
  ChaseEscalation,
  ChasePerson,
  ChaseRepository,
  ChaseReview,
  ChaseStepRecord,
  ProblemHeadline,
  ReviewAction,
} from "../core/chasing/model.js";
import { stepKey } from "../core/chasing/model.js";
import type { ChaseWindow } from "../core/chasing/window.js";
import type { OutboxEntry } from "../core/outbox.js";
import type { Classification } from "../core/problems/model.js";
import type { Priority } from "../core/problems/priority.js";
import { addCalendarDays } from "../core/time/due-date.js";
import { dayToDate } from "./calendar-day.js";
import type { Store } from "./database.js";
import { Prisma } from "./generated/client.js";
import { enqueueOutbox } from "./outbox-repository.js";

/** Keeps `IN (...)` lists and multi-row inserts well inside every database's limit on bound parameters. */
const CHUNK = 500;
/** Rows read at once from a large result. */
const PAGE = 2_000;

interface ReviewRow {
  id: string;
  areaId: string;
  nextReviewOn: Date | string;
  ref: string;
  title: string;
  priority: Priority;
  classification: Classification;
}

interface ActionRow {
  id: string;
  problemId: string;
  areaId: string;
  text: string;
  organisationName: string;
  assigneeId: string | null;
  status: ChaseAction["status"];
  dueOn: Date | string;
  updatedAt: Date | string;
  ref: string;
  title: string;
  priority: Priority;
  classification: Classification;
}

/** An action row with the value of the index column its page was read along. */
type PagedActionRow = ActionRow & { pageKey: Date | string };

// Raw queries hand dates back as the driver stores them: a Date, or ISO text on SQLite.
function instant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function day(value: Date | string): string {
  return instant(value).toISOString().slice(0, 10);
}

const ACTION_COLUMNS = Prisma.sql`
  a."id", a."problemId", p."areaId", a."text", o."name" AS "organisationName", a."assigneeId",
  a."status", a."dueOn", a."updatedAt", p."ref", p."title", p."priority", p."classification"`;
const ACTION_JOINS = Prisma.sql`
  JOIN "Problem" p ON p."id" = a."problemId"
  JOIN "Organisation" o ON o."id" = a."organisationId"`;

/**
 * A mapper from rows to actions that shares one headline per problem and one string per
 * organisation name across every page it maps: a county's run reads tens of thousands of actions
 * over far fewer problems and organisations.
 */
function chaseActionMapper(): (rows: ActionRow[]) => ChaseAction[] {
  const headlines = new Map<string, ProblemHeadline>();
  const names = new Map<string, string>();
  return (rows) =>
    rows.map((row) => {
      let problem = headlines.get(row.problemId);
      if (!problem) {
        problem = {
          ref: row.ref,
          title: row.title,
          priority: row.priority,
          classification: row.classification,
        };
        headlines.set(row.problemId, problem);
      }
      let organisationName = names.get(row.organisationName);
      if (organisationName === undefined) {
        organisationName = row.organisationName;
        names.set(organisationName, organisationName);
      }
      return {
        id: row.id,
        problemId: row.problemId,
        problem,
        areaId: row.areaId,
        text: row.text,
        organisationName,
        assigneeId: row.assigneeId,
        status: row.status,
        dueOn: day(row.dueOn),
        proposedAt: instant(row.updatedAt),
      };
    });
}

/**
 * Reads a large result a page at a time, keyed on the id, mapping each page before the next is
 * read: a page's raw rows die young, so a county-wide run does not hold them all at once.
 */
async function inPages<Row extends { id: string }, T>(
  readPage: (afterId: string) => Promise<Row[]>,
  map: (rows: Row[]) => T[],
): Promise<T[]> {
  const results: T[] = [];
  let afterId = "";
  for (;;) {
    const rows = await readPage(afterId);
    for (const item of map(rows)) results.push(item);
    if (rows.length < PAGE) return results;
    afterId = (rows[rows.length - 1] as Row).id;
  }
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
          where: { role: { in: ["COORDINATOR", "BOARD_MEMBER"] }, contact: { retiredAt: null } },
          select: { contactId: true, role: true },
          orderBy: { contactId: "asc" },
        },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      chasePolicy: row.chasePolicy,
      coordinatorIds: row.memberships.filter((m) => m.role === "COORDINATOR").map((m) => m.contactId),
      boardMemberIds: row.memberships.filter((m) => m.role === "BOARD_MEMBER").map((m) => m.contactId),
    }));
  }

  async actionsToChase(window: ChaseWindow): Promise<ChaseAction[]> {
    const today = dayToDate(window.today);
    const overdueDays = window.overdueDueDays.length > 0 ? window.overdueDueDays : [window.today];
    // Index ranges on Action(status, updatedAt) and Action(status, dueOn). A day's first hour in
    // summer is the day before in UTC: the day before proposedFrom is read too. Each condition is
    // read in pages along its own index column, so only one page of raw rows is held at a time; an
    // action can meet two conditions (proposed, and due), so it is kept once.
    const branches: { along: Prisma.Sql; condition: Prisma.Sql }[] = [
      {
        along: Prisma.sql`a."updatedAt"`,
        condition: Prisma.sql`a."status" = 'PROPOSED'
          AND a."updatedAt" >= ${dayToDate(addCalendarDays(window.proposedFrom, -1))}
          AND a."updatedAt" < ${dayToDate(window.proposedBefore)}`,
      },
      {
        along: Prisma.sql`a."dueOn"`,
        condition: Prisma.sql`a."status" IN ('PROPOSED', 'ACCEPTED')
          AND a."dueOn" IN (${Prisma.join(overdueDays.map(dayToDate))})`,
      },
      {
        along: Prisma.sql`a."dueOn"`,
        condition: Prisma.sql`a."status" = 'ACCEPTED' AND a."dueOn" >= ${today} AND a."dueOn" <= ${dayToDate(window.dueSoonBy)}`,
      },
    ];
    const toActions = chaseActionMapper();
    const found = new Map<string, ChaseAction>();
    for (const { along, condition } of branches) {
      let after: { value: Date | string; id: string } | null = null;
      for (;;) {
        const next: Prisma.Sql = after
          ? Prisma.sql`AND (${along} > ${after.value} OR (${along} = ${after.value} AND a."id" > ${after.id}))`
          : Prisma.empty;
        const rows: PagedActionRow[] = await this.store.$queryRaw<PagedActionRow[]>`
          SELECT ${ACTION_COLUMNS}, ${along} AS "pageKey" FROM "Action" a ${ACTION_JOINS}
          WHERE ${condition} ${next}
          ORDER BY ${along}, a."id" LIMIT ${PAGE}`;
        for (const action of toActions(rows)) found.set(action.id, action);
        const last = rows[rows.length - 1];
        if (!last || rows.length < PAGE) break;
        after = { value: last.pageKey, id: last.id };
      }
    }
    return [...found.values()];
  }

  async reviewsDueBy(byDay: string): Promise<ChaseReview[]> {
    return inPages<ReviewRow, ChaseReview>(
      (after) => this.store.$queryRaw<ReviewRow[]>`
        SELECT p."id", p."areaId", p."nextReviewOn", p."ref", p."title", p."priority", p."classification"
        FROM "Problem" p
        WHERE p."status" <> 'CLOSED' AND p."nextReviewOn" <= ${dayToDate(byDay)} AND p."id" > ${after}
        ORDER BY p."id" LIMIT ${PAGE}`,
      (rows) =>
        rows.map((row) => ({
          problemId: row.id,
          problem: {
            ref: row.ref,
            title: row.title,
            priority: row.priority,
            classification: row.classification,
          },
          areaId: row.areaId,
          nextReviewOn: day(row.nextReviewOn),
        })),
    );
  }

  async unansweredEscalations(): Promise<ChaseEscalation[]> {
    const rows = await this.store.$queryRaw<
      (Omit<ReviewRow, "nextReviewOn"> & { escalatedAt: Date | string })[]
    >`
      SELECT p."id", p."areaId", p."escalatedAt", p."ref", p."title", p."priority", p."classification"
      FROM "Problem" p
      WHERE p."status" = 'ESCALATED' AND p."escalatedAt" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "BoardAnswer" b WHERE b."problemId" = p."id" AND b."createdAt" >= p."escalatedAt")`;
    return rows.map((row) => ({
      problemId: row.id,
      problem: { ref: row.ref, title: row.title, priority: row.priority, classification: row.classification },
      areaId: row.areaId,
      escalatedAt: instant(row.escalatedAt),
    }));
  }

  async reviewActions(problemIds: string[]): Promise<Map<string, ReviewAction[]>> {
    const byProblem = new Map<string, ReviewAction[]>();
    for (const ids of chunks(problemIds)) {
      const rows = await this.store.$queryRaw<
        {
          problemId: string;
          text: string;
          organisationName: string;
          status: ReviewAction["status"];
          dueOn: Date | string;
        }[]
      >`SELECT a."problemId", a."text", o."name" AS "organisationName", a."status", a."dueOn"
        FROM "Action" a JOIN "Organisation" o ON o."id" = a."organisationId"
        WHERE a."problemId" IN (${Prisma.join(ids)}) AND a."status" IN ('PROPOSED', 'ACCEPTED')
        ORDER BY a."dueOn", a."id"`;
      for (const row of rows) {
        const list = byProblem.get(row.problemId) ?? [];
        list.push({
          text: row.text,
          organisationName: row.organisationName,
          status: row.status,
          dueOn: day(row.dueOn),
        });
        byProblem.set(row.problemId, list);
      }
    }
    return byProblem;
  }

  async alreadySent(keys: string[]): Promise<Set<string>> {
    const sent = new Set<string>();
    for (const chunk of chunks(keys)) {
      const rows = await this.store.$queryRaw<{ dedupeKey: string }[]>`
        SELECT "dedupeKey" FROM "ChaseStep" WHERE "dedupeKey" IN (${Prisma.join(chunk)})`;
      for (const row of rows) sent.add(row.dedupeKey);
    }
    return sent;
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
          awayUntil: row.awayUntil ? day(row.awayUntil) : null,
          retired: row.retiredAt !== null,
        });
      }
    }
    return found;
  }

  async send(
    chases: { recipientId: string; steps: ChaseStepRecord[] }[],
    slotKey: string,
    messageFor: (chase: number, freshSteps: number[]) => OutboxEntry,
  ): Promise<number[]> {
    const fresh: number[] = [];
    // Several people per transaction, so that a county's first run is not thousands of commits;
    // each batch is atomic, so each person's steps still commit with their message or not at all.
    for (const batch of batches(chases.map((chase, index) => ({ ...chase, index })))) {
      const counts = await this.store.$transaction(async (tx) => {
        const inserted = await insertNewSteps(
          tx,
          batch.flatMap((chase) => chase.steps),
          slotKey,
        );
        const messages: OutboxEntry[] = [];
        const counts = batch.map((chase) => {
          const freshSteps = chase.steps.flatMap((step, position) =>
            inserted.has(stepKey(step)) ? [position] : [],
          );
          if (freshSteps.length > 0) messages.push(messageFor(chase.index, freshSteps));
          return freshSteps.length;
        });
        await enqueueOutbox(tx, messages);
        return counts;
      }, TRANSACTION_LIMITS);
      fresh.push(...counts);
    }
    return fresh;
  }
}

const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 120_000 };
const STEPS_PER_BATCH = 5_000;

function batches<T extends { steps: unknown[] }>(chases: T[]): T[][] {
  const result: T[][] = [];
  let current: T[] = [];
  let steps = 0;
  for (const chase of chases) {
    if (current.length > 0 && steps + chase.steps.length > STEPS_PER_BATCH) {
      result.push(current);
      current = [];
      steps = 0;
    }
    current.push(chase);
    steps += chase.steps.length;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** Inserts the steps not yet recorded and returns their keys: the ones to send now. */
async function insertNewSteps(
  tx: Prisma.TransactionClient,
  steps: ChaseStepRecord[],
  slotKey: string,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  const now = new Date();
  for (const chunk of chunks(steps)) {
    const values = chunk.map(
      (step) =>
        Prisma.sql`(${stepKey(step)}, ${step.subject}, ${step.step}, ${step.occurrence}, ${step.recipientId}, ${slotKey}, ${now})`,
    );
    const rows = await tx.$queryRaw<{ dedupeKey: string }[]>`
      INSERT INTO "ChaseStep" ("dedupeKey", "subject", "step", "occurrence", "recipientId", "slotKey", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "dedupeKey"`;
    for (const row of rows) inserted.add(row.dedupeKey);
  }
  return inserted;
}
