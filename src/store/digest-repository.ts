// The digests' reads over Prisma: counts are grouped in the database, lists select only the
// columns a digest shows.
import type { DigestArea, DigestRepository, Headline } from "../core/digests/repository.js";
import type { OutboxEntry } from "../core/outbox.js";
import type { AuditEntry } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { dateToDay, dayToDate } from "./calendar-day.js";
import type { Store } from "./database.js";
import type { Prisma } from "./generated/client.js";
import { enqueueOutbox } from "./outbox-repository.js";

const OPEN_ACTION: Prisma.EnumActionStatusFilter = { in: ["PROPOSED", "ACCEPTED"] };
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
    const rows = await this.store.action.groupBy({
      by: ["organisationId"],
      where: { status: OPEN_ACTION, dueOn: { lt: dayToDate(beforeDay) }, problem: { areaId } },
      _count: { _all: true },
      _min: { dueOn: true },
      orderBy: { organisationId: "asc" },
    });
    const names = new Map(
      (
        await this.store.organisation.findMany({
          where: { id: { in: rows.map((row) => row.organisationId) } },
          select: { id: true, name: true },
        })
      ).map((organisation) => [organisation.id, organisation.name]),
    );
    return rows
      .map((row) => ({
        organisationName: names.get(row.organisationId) ?? "Unknown organisation",
        count: row._count._all,
        oldestDueOn: dateToDay(row._min.dueOn as Date),
      }))
      .sort((a, b) => b.count - a.count || a.organisationName.localeCompare(b.organisationName));
  }

  async meetings(areaId: string, from: Date, to: Date) {
    const rows = await this.store.meeting.findMany({
      where: { areaId, cancelledAt: null, startsAt: { gte: from, lt: to } },
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
      select: { name: true, verifiedAt: true, organisation: { select: { name: true } } },
      orderBy: [{ verifiedAt: "asc" }, { name: "asc" }],
    });
    return rows.map((row) => ({
      name: row.name,
      organisationName: row.organisation.name,
      verifiedAt: row.verifiedAt,
    }));
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
    const where: Prisma.ActionWhereInput = {
      status: OPEN_ACTION,
      dueOn: { lt: dayToDate(beforeDay) },
      problem: { areaId: { in: areaIds } },
    };
    const [rows, total] = await Promise.all([
      this.store.action.findMany({
        where,
        select: {
          text: true,
          dueOn: true,
          organisation: { select: { name: true } },
          problem: { select: { ...headlineColumns, areaId: true } },
        },
        orderBy: [{ dueOn: "asc" }, { id: "asc" }],
        take: limit,
      }),
      this.store.action.count({ where }),
    ]);
    return {
      actions: rows.map((row) => {
        const { areaId, ...problem }: Headline & { areaId: string } = row.problem;
        return {
          ...problem,
          areaId,
          organisationName: row.organisation.name,
          actionText: row.text,
          dueOn: dateToDay(row.dueOn),
        };
      }),
      total,
    };
  }

  async doneActions(areaId: string, from: Date, to: Date) {
    const rows = await this.store.action.findMany({
      where: { status: "DONE", doneAt: { gte: from, lt: to }, problem: { areaId } },
      select: { dueOn: true, doneAt: true },
    });
    return rows.map((row) => ({ dueOn: dateToDay(row.dueOn), doneAt: row.doneAt as Date }));
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
