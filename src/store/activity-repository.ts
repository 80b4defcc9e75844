// The activity log's repository over Prisma. An activity's calendar day is stored as midnight UTC
// of that day, so the UTC month the store sees is the day's own month.
import type {
  Activity,
  ActivityCountFilter,
  ActivityRepository,
  AgencyMonthCount,
  NewActivity,
} from "../core/activities/model.js";
import type { AuditEntry, OrganisationKind } from "../core/register/model.js";
import { addCalendarDays } from "../core/time/due-date.js";
import { writeAudit } from "./audit.js";
import { dateToDay, dayToDate } from "./calendar-day.js";
import { type Dialect, dialectOf } from "./dialect.js";
import { Prisma } from "./generated/client.js";
import { type Client, inTransaction } from "./transaction.js";

const activityInclude = { agencies: true } as const;

type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof activityInclude }>;

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    officerId: row.officerId,
    areaId: row.areaId,
    kind: row.kind,
    agencies: row.agencies.map((link) => link.agency),
    occurredOn: dateToDay(row.occurredOn),
    note: row.note,
    createdAt: row.createdAt,
  };
}

const MONTH_OF_OCCURRED_ON: Record<Dialect, Prisma.Sql> = {
  sqlite: Prisma.sql`strftime('%Y-%m', a."occurredOn")`,
  postgresql: Prisma.sql`to_char(a."occurredOn", 'YYYY-MM')`,
};

/**
 * The counting query: one pass over the period through the `occurredOn` index, each activity
 * joined to its agencies by their primary key, grouped by month and agency. Exported so a test can
 * check its plan. The month's name is the one thing the two databases spell differently.
 */
export function countsByAgencyAndMonthQuery(filter: ActivityCountFilter, dialect: Dialect): Prisma.Sql {
  const conditions = [
    Prisma.sql`a."occurredOn" >= ${dayToDate(filter.from)}`,
    Prisma.sql`a."occurredOn" < ${dayToDate(addCalendarDays(filter.to, 1))}`,
  ];
  if (filter.areaId) conditions.push(Prisma.sql`a."areaId" = ${filter.areaId}`);
  if (filter.visibleTo !== "everything") {
    const { areaIds, officerId } = filter.visibleTo;
    const visible = [];
    if (areaIds.length > 0) visible.push(Prisma.sql`a."areaId" IN (${Prisma.join(areaIds)})`);
    if (officerId) visible.push(Prisma.sql`a."officerId" = ${officerId}`);
    // Nothing visible: a condition no row meets, rather than none at all.
    conditions.push(visible.length > 0 ? Prisma.sql`(${Prisma.join(visible, " OR ")})` : Prisma.sql`0 = 1`);
  }
  return Prisma.sql`
    SELECT ${MONTH_OF_OCCURRED_ON[dialect]} AS month, aa."agency" AS agency, COUNT(*) AS count
    FROM "Activity" a
    JOIN "ActivityAgency" aa ON aa."activityId" = a."id"
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY month, aa."agency"
    ORDER BY month, CAST(aa."agency" AS TEXT)`;
}

export class PrismaActivityRepository implements ActivityRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: ActivityRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as ActivityRepository,
      (tx) => new PrismaActivityRepository(tx),
      work,
    );
  }

  async createActivity(activity: NewActivity): Promise<Activity> {
    const row = await this.client.activity.create({
      data: {
        officerId: activity.officerId,
        areaId: activity.areaId,
        kind: activity.kind,
        note: activity.note,
        occurredOn: dayToDate(activity.occurredOn),
        agencies: { create: activity.agencies.map((agency) => ({ agency })) },
      },
      include: activityInclude,
    });
    return toActivity(row);
  }

  async countByAgencyAndMonth(filter: ActivityCountFilter): Promise<AgencyMonthCount[]> {
    const rows = await this.client.$queryRaw<
      { month: string; agency: OrganisationKind; count: bigint | number }[]
    >(countsByAgencyAndMonthQuery(filter, dialectOf(this.client)));
    return rows.map((row) => ({ month: row.month, agency: row.agency, count: Number(row.count) }));
  }

  async listByOfficer(officerId: string, limit: number): Promise<Activity[]> {
    const rows = await this.client.activity.findMany({
      where: { officerId },
      include: activityInclude,
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
      take: limit,
    });
    return rows.map(toActivity);
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}
