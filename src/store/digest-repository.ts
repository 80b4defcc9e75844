// The digests' reads over Prisma: counts are grouped in the database, lists select only the
// columns a digest shows.
import type { DeliveryChannels, DigestArea, DigestRepository, Headline } from "../core/digests/repository.js";
import type { OutboxEntry } from "../core/outbox.js";
import { OPEN_CHECK_STATES } from "../core/register/checks-model.js";
import type { AuditEntry, OrganisationKind } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { dayToDate } from "./calendar-day.js";
import type { Store } from "./database.js";
import { Prisma } from "./generated/client.js";
import { enqueueOutbox } from "./outbox-repository.js";

// Raw queries hand dates back as the driver stores them: a Date, or ISO text on SQLite.
function dayOf(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString().slice(0, 10);
}
// Queries queue on SQLite's one connection, so a transaction may wait its turn (see transaction.ts).
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 60_000 };
const headlineColumns = { ref: true, title: true, priority: true, classification: true } as const;

export class PrismaDigestRepository implements DigestRepository {
  constructor(private readonly store: Store) {}

  async findArea(codeOrName: string): Promise<DigestArea | null> {
    const wanted = codeOrName.trim();
    const areas = await this.areas();
    return (
      areas.find(
        (area) => area.code === wanted.toUpperCase() || area.name.toLowerCase() === wanted.toLowerCase(),
      ) ?? null
    );
  }

  areas(): Promise<DigestArea[]> {
    return this.store.area.findMany({
      select: { id: true, code: true, name: true, board: true },
      orderBy: { code: "asc" },
    });
  }

  async contactIdsWithRole(areaId: string, role: "COORDINATOR" | "BOARD_MEMBER"): Promise<string[]> {
    const rows = await this.store.membership.findMany({
      where: { areaId, role, contact: { retiredAt: null } },
      select: { contactId: true },
      orderBy: { contactId: "asc" },
    });
    return rows.map((row) => row.contactId);
  }

  problemsCreated(areaId: string, from: Date, to: Date) {
    return this.store.problem.findMany({
      where: { areaId, createdAt: { gte: from, lt: to } },
      select: { ...headlineColumns, category: true },
      orderBy: { createdAt: "asc" },
    });
  }

  async openProblemCounts(areaId: string) {
    const rows = await this.store.problem.groupBy({
      by: ["priority", "category"],
      where: { areaId, status: { not: "CLOSED" } },
      _count: { _all: true },
    });
    return rows.map((row) => ({ priority: row.priority, category: row.category, count: row._count._all }));
  }

  async overdueByOrganisation(areaId: string, beforeDay: string) {
    // From the area's problems to their actions (Problem(areaId, status), Action(problemId, status)):
    // an area holds a small share of the county's actions.
    const rows = await this.store.$queryRaw<
      { organisationName: string; count: number | bigint; oldestDueOn: Date | string }[]
    >`SELECT o."name" AS "organisationName", COUNT(*) AS "count", MIN(a."dueOn") AS "oldestDueOn"
      FROM "Problem" p
      JOIN "Action" a ON a."problemId" = p."id" AND a."status" IN ('PROPOSED', 'ACCEPTED')
      JOIN "Organisation" o ON o."id" = a."organisationId"
      WHERE p."areaId" = ${areaId} AND p."status" <> 'CLOSED' AND a."dueOn" < ${dayToDate(beforeDay)}
      GROUP BY o."name"`;
    return rows
      .map((row) => ({
        organisationName: row.organisationName,
        count: Number(row.count),
        oldestDueOn: dayOf(row.oldestDueOn),
      }))
      .sort((a, b) => b.count - a.count || a.organisationName.localeCompare(b.organisationName));
  }

  async meetings(areaId: string, from: Date, to: Date) {
    const rows = await this.store.meeting.findMany({
      where: {
        areaId,
        cancelledAt: null,
        startsAt: { gte: from, lt: to },
        // A meeting whose time is still being polled has none yet: it is not in the week.
        OR: [{ slots: { none: {} } }, { slots: { some: { pickedAt: { not: null } } } }],
      },
      select: { startsAt: true, kind: true, agenda: { select: { problem: { select: { ref: true } } } } },
      orderBy: { startsAt: "asc" },
    });
    return rows.map((row) => ({
      startsAt: row.startsAt,
      kind: row.kind,
      refs: row.agenda.map((item) => item.problem.ref).sort(),
    }));
  }

  async declined(areaId: string) {
    const rows = await this.store.action.findMany({
      where: { status: "DECLINED", problem: { areaId } },
      select: { text: true, organisation: { select: { name: true } }, problem: { select: headlineColumns } },
      orderBy: { updatedAt: "asc" },
    });
    return rows.map((row) => ({
      ...row.problem,
      actionText: row.text,
      organisationName: row.organisation.name,
    }));
  }

  async unverified(areaId: string, before: Date) {
    const rows = await this.store.contact.findMany({
      where: {
        retiredAt: null,
        memberships: { some: { areaId } },
        OR: [{ verifiedAt: null }, { verifiedAt: { lt: before } }],
      },
      select: { id: true, name: true, verifiedAt: true, organisation: { select: { name: true } } },
      orderBy: [{ verifiedAt: "asc" }, { name: "asc" }],
    });
    const checks = await this.store.registerCheck.findMany({
      where: { contactId: { in: rows.map((row) => row.id) }, state: { in: [...OPEN_CHECK_STATES] } },
      select: { contactId: true, askedAt: true, state: true, successorId: true },
    });
    const successorIds = checks.flatMap((check) => (check.successorId ? [check.successorId] : []));
    const successors = new Map(
      (
        await this.store.contact.findMany({
          where: { id: { in: successorIds } },
          select: { id: true, name: true },
        })
      ).map((successor) => [successor.id, successor.name]),
    );
    const openChecks = new Map(
      checks.map((check) => [
        check.contactId,
        {
          askedAt: check.askedAt,
          successorName:
            check.state === "HANDOVER" && check.successorId
              ? (successors.get(check.successorId) ?? null)
              : null,
        },
      ]),
    );
    return rows.map((row) => ({
      name: row.name,
      organisationName: row.organisation.name,
      verifiedAt: row.verifiedAt,
      openCheck: openChecks.get(row.id) ?? null,
    }));
  }

  async unreachable(areaId: string, channels: DeliveryChannels) {
    const unreached: Prisma.ContactWhereInput[] = [];
    if (channels.slack) unreached.push({ slackUserId: null });
    if (channels.teams) unreached.push({ teamsChat: { is: null } });
    if (channels.email) unreached.push({ emailBouncedAt: { not: null } });
    const rows = await this.store.contact.findMany({
      where: { retiredAt: null, memberships: { some: { areaId } }, AND: unreached },
      select: { name: true, organisation: { select: { name: true } } },
      orderBy: { nameKey: "asc" },
    });
    return rows.map((row) => ({ name: row.name, organisationName: row.organisation.name }));
  }

  async setDigestByEmail(
    contactId: string,
    on: boolean,
    actor: Pick<AuditEntry, "actorId" | "actorLabel">,
  ): Promise<void> {
    await this.store.$transaction(async (tx) => {
      const before = await tx.contact.findUniqueOrThrow({
        where: { id: contactId },
        select: { digestByEmail: true },
      });
      await tx.contact.update({ where: { id: contactId }, data: { digestByEmail: on } });
      await writeAudit(tx, {
        ...actor,
        verb: "contact.digest_by_email",
        entityType: "Contact",
        entityId: contactId,
        before,
        after: { digestByEmail: on },
      });
    }, TRANSACTION_LIMITS);
  }

  closed(areaId: string, from: Date, to: Date) {
    return this.store.problem.findMany({
      where: { areaId, status: "CLOSED", closedAt: { gte: from, lt: to } },
      select: { ...headlineColumns, outcome: true },
      orderBy: { closedAt: "asc" },
    });
  }

  async escalated(areaIds: string[]) {
    const rows = await this.store.problem.findMany({
      where: { areaId: { in: areaIds }, status: "ESCALATED" },
      select: { ...headlineColumns, areaId: true, escalationReason: true },
      orderBy: { updatedAt: "asc" },
    });
    return rows.map(({ escalationReason, ...row }) => ({ ...row, reason: escalationReason }));
  }

  async overdueActions(areaIds: string[], beforeDay: string, limit: number) {
    const where = Prisma.sql`p."areaId" IN (${Prisma.join(areaIds)}) AND p."status" <> 'CLOSED'
      AND a."status" IN ('PROPOSED', 'ACCEPTED') AND a."dueOn" < ${dayToDate(beforeDay)}`;
    const rows = await this.store.$queryRaw<
      (Headline & { areaId: string; organisationName: string; actionText: string; dueOn: Date | string })[]
    >`SELECT p."ref", p."title", p."priority", p."classification", p."areaId",
        o."name" AS "organisationName", a."text" AS "actionText", a."dueOn"
      FROM "Problem" p JOIN "Action" a ON a."problemId" = p."id" JOIN "Organisation" o ON o."id" = a."organisationId"
      WHERE ${where} ORDER BY a."dueOn", a."id" LIMIT ${limit}`;
    const [total] = await this.store.$queryRaw<{ count: number | bigint }[]>`
      SELECT COUNT(*) AS "count" FROM "Problem" p JOIN "Action" a ON a."problemId" = p."id" WHERE ${where}`;
    return {
      actions: rows.map((row) => ({ ...row, dueOn: dayOf(row.dueOn) })),
      total: Number(total?.count ?? 0),
    };
  }

  async doneActions(areaIds: string[], from: Date, to: Date) {
    if (areaIds.length === 0) return [];
    const rows = await this.store.$queryRaw<
      { dueOn: Date | string; doneAt: Date | string; agency: OrganisationKind }[]
    >`
      SELECT a."dueOn", a."doneAt", o."kind" AS "agency"
      FROM "Problem" p
      JOIN "Action" a ON a."problemId" = p."id"
      JOIN "Organisation" o ON o."id" = a."organisationId"
      WHERE p."areaId" IN (${Prisma.join(areaIds)}) AND a."status" = 'DONE'
        AND a."doneAt" >= ${from} AND a."doneAt" < ${to}`;
    return rows.map((row) => ({ dueOn: dayOf(row.dueOn), doneAt: new Date(row.doneAt), agency: row.agency }));
  }

  async problemsOpenDuring(areaIds: string[], from: Date, to: Date) {
    return this.store.problem.findMany({
      where: {
        areaId: { in: areaIds },
        createdAt: { lte: to },
        OR: [{ closedAt: null }, { closedAt: { gte: from } }],
      },
      select: { priority: true, createdAt: true, closedAt: true },
    });
  }

  async closedProblemAges(areaId: string, from: Date, to: Date) {
    const rows = await this.store.problem.findMany({
      where: { areaId, status: "CLOSED", closedAt: { gte: from, lt: to } },
      select: { createdAt: true, closedAt: true },
    });
    return rows.map((row) => ({ createdAt: row.createdAt, closedAt: row.closedAt as Date }));
  }

  async activityByAgency(areaId: string, fromDay: string, toDay: string) {
    const rows = await this.store.activityAgency.groupBy({
      by: ["agency"],
      where: { activity: { areaId, occurredOn: { gte: dayToDate(fromDay), lte: dayToDate(toDay) } } },
      _count: { _all: true },
    });
    return rows.map((row) => ({ agency: row.agency, count: row._count._all }));
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.store, entry);
  }

  async enqueue(entries: OutboxEntry[]): Promise<void> {
    await this.store.$transaction((tx) => enqueueOutbox(tx, entries));
  }
}
