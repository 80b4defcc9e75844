// Reads for the accountability outputs over Prisma: problems open during a period and actions due
// in it, with their areas and partner organisations, in a few queries.
import type {
  AccountabilityRepository,
  PeriodAction,
  PeriodProblem,
  PeriodQuery,
} from "../core/accountability/model.js";
import { PERSONAL_PROBLEM_FIELDS } from "../core/problems/model.js";
import type { AuditEntry } from "../core/register/model.js";
import { addCalendarDays, calendarDayInZone, LDG_TIME_ZONE } from "../core/time/due-date.js";
import { writeAudit } from "./audit.js";
import { dateToDay, dayToDate } from "./calendar-day.js";
import type { Client } from "./transaction.js";

export class PrismaAccountabilityRepository implements AccountabilityRepository {
  constructor(
    private readonly client: Client,
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  listAreas() {
    return this.client.area.findMany({
      select: { id: true, code: true, name: true },
      orderBy: { code: "asc" },
    });
  }

  async problemsOpenDuring(query: PeriodQuery): Promise<PeriodProblem[]> {
    // Instants: the period runs from the start of its first day to the end of its last, on UTC
    // midnights widened by a day each side, then trimmed on the LDG's own calendar below.
    const rows = await this.client.problem.findMany({
      where: {
        ...(query.areaIds ? { areaId: { in: query.areaIds } } : {}),
        createdAt: { lt: dayToDate(addCalendarDays(query.to, 2)) },
        OR: [{ closedAt: null }, { closedAt: { gte: dayToDate(addCalendarDays(query.from, -1)) } }],
      },
      include: {
        area: { select: { id: true, code: true, name: true } },
        partners: {
          where: { removedAt: null },
          include: { organisation: { select: { name: true, kind: true } } },
        },
      },
      orderBy: { createdAt: "asc" },
    });
    return rows
      .map((row) => ({
        ref: row.ref,
        area: row.area,
        postcodeOutward: row.postcodeOutward,
        category: row.category,
        priority: row.priority,
        status: row.status,
        classification: row.classification,
        repeatLocation: row.repeatLocation,
        repeatVictim: row.repeatVictim,
        repeatOffender: row.repeatOffender,
        openedOn: calendarDayInZone(row.createdAt, this.timeZone),
        closedOn: row.closedAt ? calendarDayInZone(row.closedAt, this.timeZone) : null,
        partners: row.partners.map((partner) => partner.organisation),
        outcome: row.outcome,
        assessment: row.assessment,
        personalDetails: PERSONAL_PROBLEM_FIELDS.map((field) => row[field]).filter(
          (value): value is string => typeof value === "string" && value.trim() !== "",
        ),
      }))
      .filter(
        (problem) => problem.openedOn <= query.to && (!problem.closedOn || problem.closedOn >= query.from),
      );
  }

  async actionsDueIn(query: PeriodQuery): Promise<PeriodAction[]> {
    const rows = await this.client.action.findMany({
      where: {
        status: { not: "CANCELLED" },
        dueOn: { gte: dayToDate(query.from), lte: dayToDate(query.to) },
        ...(query.areaIds ? { problem: { areaId: { in: query.areaIds } } } : {}),
      },
      select: {
        dueOn: true,
        doneAt: true,
        organisation: { select: { name: true, kind: true } },
        problem: { select: { area: { select: { id: true, code: true, name: true } } } },
      },
    });
    return rows.map((row) => ({
      area: row.problem.area,
      organisationKind: row.organisation.kind,
      organisationName: row.organisation.name,
      dueOn: dateToDay(row.dueOn),
      doneOn: row.doneAt ? calendarDayInZone(row.doneAt, this.timeZone) : null,
    }));
  }

  async contactNames(): Promise<string[]> {
    const rows = await this.client.contact.findMany({ select: { name: true } });
    return rows.map((row) => row.name);
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}
