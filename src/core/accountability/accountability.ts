// The LDG's accountability outputs: anonymised data for the needs assessment, and the quarter's
// public summary. Admins and coordinators only (coordinators for their own areas); each export is
// audited. A wrong period or area is a clear message with an empty result, never a crash.
import type { Activities } from "../activities/activities.js";
import type { AgencyMonthCount } from "../activities/model.js";
import type { Actor } from "../actor.js";
import { areasWhereActorIs } from "../actor.js";
import { AccessDenied } from "../errors.js";
import type { AccountabilityRepository, PeriodAction, PeriodProblem, PeriodQuery } from "./model.js";
import { type NeedsAssessmentData, needsAssessmentRows } from "./needs-assessment.js";
import { parseDayRange, parseQuarter } from "./period.js";
import { type PublicSummary, publicSummaryOf } from "./public-summary.js";

type Area = { id: string; code: string; name: string };

/** The output, and when the request could not be met as asked, why (the output is then empty). */
export interface Outcome<T> {
  result: T;
  warning?: string;
}

export class Accountability {
  constructor(
    private readonly repository: AccountabilityRepository,
    private readonly activities: Activities,
  ) {}

  async needsAssessment(
    actor: Actor,
    request: { from: string; to: string; area?: string },
  ): Promise<Outcome<NeedsAssessmentData>> {
    const empty: NeedsAssessmentData = { problems: [], activity: [] };
    const scope = await this.scopeFor(actor, request.area, "export needs-assessment data");
    if ("warning" in scope) return { result: empty, warning: scope.warning };
    const period = parseDayRange(request.from, request.to);
    if (!period.ok) return { result: empty, warning: period.message };

    const areaIds = scope.areas.map((area) => area.id);
    const query: PeriodQuery = { from: period.from, to: period.to, ...(scope.everywhere ? {} : { areaIds }) };
    const problems = await this.repository.problemsOpenDuring(query);
    const names = await this.repository.contactNames();
    const activity = await this.activityCounts(actor, period, scope.areas, scope.everywhere);
    await this.audit(actor, "export.needs", {
      ...period,
      areas: scope.everywhere ? "all" : scope.areas.map((area) => area.code),
      problems: problems.length,
    });
    const result = needsAssessmentRows(problems, activity, names);
    return result.problems.length === 0 && result.activity.length === 0
      ? { result, warning: `Nothing was recorded between ${period.from} and ${period.to}.` }
      : { result };
  }

  async publicSummary(
    actor: Actor,
    request: { area: string; quarter: string },
  ): Promise<Outcome<PublicSummary | null>> {
    const scope = await this.scopeFor(actor, request.area, "publish a public summary");
    if ("warning" in scope) return { result: null, warning: scope.warning };
    const area = scope.areas[0] as Area;
    const period = parseQuarter(request.quarter);
    if (!period.ok) return { result: null, warning: period.message };
    const query: PeriodQuery = { from: period.from, to: period.to, areaIds: [area.id] };
    const problems: PeriodProblem[] = await this.repository.problemsOpenDuring(query);
    const actions: PeriodAction[] = await this.repository.actionsDueIn(query);
    const names = await this.repository.contactNames();
    await this.audit(actor, "export.public-summary", { ...period, area: area.code });
    return {
      result: publicSummaryOf(area, request.quarter.trim().toUpperCase(), period, problems, actions, names),
    };
  }

  /** The areas the actor may export: the one asked for, or all they coordinate (an admin: all). */
  private async scopeFor(
    actor: Actor,
    areaCode: string | undefined,
    doing: string,
  ): Promise<{ areas: Area[]; everywhere: boolean } | { warning: string }> {
    const coordinated = areasWhereActorIs(actor, "COORDINATOR");
    if (!actor.isAdmin && coordinated.length === 0) {
      throw new AccessDenied(`Only an admin or an LDG coordinator can ${doing}.`);
    }
    const areas = await this.repository.listAreas();
    if (areaCode === undefined || areaCode.trim() === "") {
      if (actor.isAdmin) return { areas, everywhere: true };
      return { areas: areas.filter((area) => coordinated.includes(area.id)), everywhere: false };
    }
    const wanted = areaCode.trim().toUpperCase();
    const area = areas.find((known) => known.code === wanted || known.name.toUpperCase() === wanted);
    if (!area) return { warning: `There is no area "${areaCode.trim()}" in the register.` };
    if (!actor.isAdmin && !coordinated.includes(area.id)) {
      throw new AccessDenied(`You coordinate other areas, not ${area.name}.`);
    }
    return { areas: [area], everywhere: false };
  }

  private async activityCounts(
    actor: Actor,
    period: { from: string; to: string },
    areas: Area[],
    everywhere: boolean,
  ) {
    const byArea: (AgencyMonthCount & { areaCode: string })[] = [];
    for (const area of areas) {
      const counts = await this.activities.countsByAgencyAndMonth(actor, { ...period, areaId: area.id });
      byArea.push(...counts.map((count) => ({ areaCode: area.code, ...count })));
    }
    if (!everywhere) return byArea;
    // Officers working in several areas log activity under none: the rest of the total is theirs.
    const total = await this.activities.countsByAgencyAndMonth(actor, period);
    const unattributed = total
      .map((count) => ({
        areaCode: "NONE",
        ...count,
        count:
          count.count -
          byArea
            .filter((row) => row.month === count.month && row.agency === count.agency)
            .reduce((sum, row) => sum + row.count, 0),
      }))
      .filter((row) => row.count > 0);
    return [...byArea, ...unattributed];
  }

  private async audit(actor: Actor, verb: string, after: Record<string, unknown>): Promise<void> {
    await this.repository.recordAudit({
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb,
      entityType: "Export",
      entityId: verb,
      before: null,
      after,
    });
  }
}
