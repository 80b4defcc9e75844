// The activity log's use cases: an officer logs prevention work and the agencies it served; the
// partnership counts that work per agency and month (what the PSO evaluation reports to each
// funding partner); an officer sees what they logged lately.
import { z } from "zod";
import { type Actor, areasWhereActorIs } from "../actor.js";
import { AccessDenied, InvalidInput } from "../errors.js";
import { addCalendarDays, LDG_TIME_ZONE } from "../time/due-date.js";
import { parseInput } from "../validation.js";
import type { Activity, ActivityRepository, ActivityVisibility, AgencyMonthCount } from "./model.js";
import { parseActivityLog } from "./parse-log.js";

export const MAX_RECENT = 50;

const calendarDay = z
  .string()
  .trim()
  .refine((day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && addCalendarDays(day, 0) === day, {
    message: "must be a date like 2026-11-01",
  });

const countsQuerySchema = z
  .object({ from: calendarDay, to: calendarDay, areaId: z.string().min(1).optional() })
  .refine((query) => query.from <= query.to, { message: "the period must not end before it starts" });

export interface CountsQuery {
  /** First and last calendar day counted, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** Only this area's activity. */
  areaId?: string;
}

export class Activities {
  constructor(
    private readonly repository: ActivityRepository,
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  /**
   * Logs the work `text` describes (what follows `log`), done by the actor. Only officers and admins
   * may log. The activity is filed under the officer's area when they are an officer in exactly
   * one; otherwise under none, rather than a guess.
   */
  async record(actor: Actor, text: string, now: Date): Promise<Activity> {
    if (actor.contactId === null) {
      throw new AccessDenied("Activity is logged by the officer who did it, from their own chat account.");
    }
    const officerAreas = areasWhereActorIs(actor, "OFFICER");
    if (officerAreas.length === 0 && !actor.isAdmin) {
      throw new AccessDenied(
        "Only officers can log activity. If you do prevention work, ask your coordinator to add the officer role to your register entry.",
      );
    }
    const parsed = parseActivityLog(text, now, this.timeZone);
    if (!parsed.ok) throw new InvalidInput([parsed.message]);

    const officerId = actor.contactId;
    return this.repository.transaction(async (repository) => {
      const activity = await repository.createActivity({
        officerId,
        areaId: officerAreas.length === 1 ? (officerAreas[0] as string) : null,
        kind: parsed.kind,
        agencies: parsed.agencies,
        occurredOn: parsed.occurredOn,
        note: parsed.note ?? null,
      });
      await repository.recordAudit({
        actorId: officerId,
        actorLabel: actor.label,
        verb: "activity.logged",
        entityType: "Activity",
        entityId: activity.id,
        before: null,
        // The note stays out of the audit trail: it may hold personal details, and it is then
        // redacted in one place only.
        after: {
          kind: activity.kind,
          agencies: activity.agencies,
          occurredOn: activity.occurredOn,
          areaId: activity.areaId,
          hasNote: activity.note !== null,
        },
      });
      return activity;
    });
  }

  /**
   * How many activities served each agency in each month of the period, counted in the store. An
   * activity for several agencies counts once for each. Admins and board members count everyone's
   * work; coordinators their areas'; officers their own (a coordinator who is also an officer, both).
   */
  async countsByAgencyAndMonth(actor: Actor, query: CountsQuery): Promise<AgencyMonthCount[]> {
    const { from, to, areaId } = parseInput(countsQuerySchema, query);
    const visibleTo = this.visibilityFor(actor);
    if (areaId && visibleTo !== "everything" && !visibleTo.areaIds.includes(areaId) && !visibleTo.officerId) {
      throw new AccessDenied("You can only see activity counts for the areas you coordinate.");
    }
    return this.repository.countByAgencyAndMonth({ from, to, visibleTo, ...(areaId ? { areaId } : {}) });
  }

  /** The actor's own latest activities, the most recent first. */
  async myRecent(actor: Actor, limit = 10): Promise<Activity[]> {
    if (actor.contactId === null) throw new AccessDenied("Only people in the register have an activity log.");
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECENT) {
      throw new InvalidInput([`Ask for between 1 and ${MAX_RECENT} activities.`]);
    }
    return this.repository.listByOfficer(actor.contactId, limit);
  }

  private visibilityFor(actor: Actor): ActivityVisibility {
    if (actor.isAdmin || areasWhereActorIs(actor, "BOARD_MEMBER").length > 0) return "everything";
    const areaIds = areasWhereActorIs(actor, "COORDINATOR");
    const officerId = areasWhereActorIs(actor, "OFFICER").length > 0 ? actor.contactId : null;
    if (areaIds.length === 0 && officerId === null) {
      throw new AccessDenied(
        "Only officers, coordinators, board members and admins can see activity counts.",
      );
    }
    return { areaIds, officerId };
  }
}
