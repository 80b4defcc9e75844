// The coordinators' weekly digest and the Strategic Board's monthly digest: built on demand
// (`digest [area]`, `ldg digest`) and sent on a schedule through the outbox.

import { TREND_WEEKS } from "../accountability/public-summary.js";
import { type Actor, areasWhereActorIs } from "../actor.js";
import { DEFAULT_CHASE_POLICY } from "../chasing/policy.js";
import { AccessDenied, InvalidInput } from "../errors.js";
import { isCoordinatorOf } from "../problems/access.js";
import type { Priority } from "../problems/priority.js";
import { CATEGORY_LABELS } from "../problems/problem-input.js";
import { waitingFor } from "../register/check-messages.js";
import { monthsBefore, VERIFY_EVERY_MONTHS } from "../register/register.js";
import { ORGANISATION_KINDS } from "../register/vocabulary.js";
import { addCalendarDays, calendarDayInZone, LDG_TIME_ZONE } from "../time/due-date.js";
import { workingDaysAfter } from "../time/working-days.js";
import { doneOnTimePercent, medianDaysToClose } from "./measures.js";
import type { AreaMeasures, BoardDigest, WeeklyDigest } from "./model.js";
import type { DeliveryChannels, DigestArea, DigestRepository, Headline } from "./repository.js";
import { type DigestTrends, digestTrends } from "./trends.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** The board digest lists this many long-overdue actions, then gives the total. */
const LONG_OVERDUE_LISTED = 25;

const MEETING_KIND_NAMES = {
  TASKING: "tasking meeting",
  PROBLEM_SOLVING_PANEL: "problem-solving panel",
  CASE_REVIEW: "case review",
} as const;

export type DigestFor = { kind: "weekly"; digest: WeeklyDigest } | { kind: "board"; digest: BoardDigest };

export interface DigestSendCounts {
  [count: string]: number;
  messages: number;
  areas: number;
}

function classificationOf(headlines: Headline[]) {
  return headlines.some((headline) => headline.classification === "OFFICIAL_SENSITIVE")
    ? ("OFFICIAL_SENSITIVE" as const)
    : ("OFFICIAL" as const);
}

/** Where the bot's channels are not known (the command line): only a bounced address with no chat counts. */
export const EVERY_CHANNEL: DeliveryChannels = { slack: true, teams: true, email: true };

export class Digests {
  constructor(
    private readonly repository: DigestRepository,
    private readonly timeZone = LDG_TIME_ZONE,
    private readonly channels: DeliveryChannels = EVERY_CHANNEL,
    private readonly verifyEveryMonths = VERIFY_EVERY_MONTHS,
  ) {}

  /**
   * `digest by email on|off`: whether this person's digests come by email. Only those who get
   * digests (coordinators, board members) may ask; it is audited like any change to an entry.
   */
  async setEmailPreference(actor: Actor, on: boolean): Promise<{ emailOn: boolean }> {
    const getsDigests =
      areasWhereActorIs(actor, "COORDINATOR").length > 0 ||
      areasWhereActorIs(actor, "BOARD_MEMBER").length > 0;
    if (!actor.contactId || !getsDigests) {
      throw new AccessDenied(
        "Digests go to coordinators and board members, and the register lists you as neither.",
      );
    }
    await this.repository.setDigestByEmail(actor.contactId, on, {
      actorId: actor.contactId,
      actorLabel: actor.label,
    });
    return { emailOn: this.channels.email };
  }

  /** The digest for `area` as this actor may see it: coordinators get the weekly, board members the board's. */
  async forActor(actor: Actor, areaCodeOrName: string, now: Date): Promise<DigestFor> {
    const area = await this.repository.findArea(areaCodeOrName);
    if (!area) throw new InvalidInput([`"${areaCodeOrName}" is not an area in the register`]);
    const coordinator = isCoordinatorOf(actor, area.id);
    const board = areasWhereActorIs(actor, "BOARD_MEMBER").includes(area.id);
    const audit = (verb: string) =>
      this.repository.recordAudit({
        actorId: actor.contactId,
        actorLabel: actor.label,
        verb,
        entityType: "Area",
        entityId: area.id,
        before: null,
        after: null,
      });
    if (!coordinator && !board) {
      await audit("digest.refused");
      throw new AccessDenied(`Only ${area.name}'s coordinators and board members can see its digest.`);
    }
    await audit("digest.read");
    return coordinator
      ? { kind: "weekly", digest: await this.weekly(area, now) }
      : { kind: "board", digest: await this.board(area.board, [area], now) };
  }

  async weekly(area: DigestArea, now: Date): Promise<WeeklyDigest> {
    const weekAgo = new Date(now.getTime() - WEEK_MS);
    const today = calendarDayInZone(now, this.timeZone);
    const weekAhead = new Date(now.getTime() + WEEK_MS);
    const [created, counts, overdue, meetings, declined, unverified, closed, unreachable, trends] =
      await Promise.all([
        this.repository.problemsCreated(area.id, weekAgo, now),
        this.repository.openProblemCounts(area.id),
        this.repository.overdueByOrganisation(area.id, today),
        this.repository.meetings(area.id, now, weekAhead),
        this.repository.declined(area.id),
        this.repository.unverified(area.id, monthsBefore(now, this.verifyEveryMonths)),
        this.repository.closed(area.id, weekAgo, now),
        this.repository.unreachable(area.id, this.channels),
        this.trends([area.id], now),
      ]);
    return {
      area: { code: area.code, name: area.name },
      from: calendarDayInZone(weekAgo, this.timeZone),
      to: today,
      classification: classificationOf([...created, ...declined, ...closed]),
      newProblems: created.map((problem) => ({ ...problem, category: CATEGORY_LABELS[problem.category] })),
      openByPriority: byPriority(counts),
      overdueByOrganisation: overdue,
      meetings: meetings.map((meeting) => ({
        startsAt: meeting.startsAt.toISOString(),
        kind: MEETING_KIND_NAMES[meeting.kind],
        refs: meeting.refs,
      })),
      declined,
      unverified: unverified.map((contact) => ({
        name: contact.name,
        organisationName: contact.organisationName,
        verifiedOn: contact.verifiedAt ? calendarDayInZone(contact.verifiedAt, this.timeZone) : null,
        ...(contact.openCheck
          ? {
              check: waitingFor({
                askedOn: calendarDayInZone(contact.openCheck.askedAt, this.timeZone),
                ...(contact.openCheck.successorName
                  ? { successorName: contact.openCheck.successorName }
                  : {}),
              }),
            }
          : {}),
      })),
      verifyEveryMonths: this.verifyEveryMonths,
      closed,
      unreachable,
      trends,
    };
  }

  private async trends(areaIds: string[], now: Date): Promise<DigestTrends> {
    // A day more than the twelve weeks, so that the first day counts whatever the zone's offset.
    const from = new Date(now.getTime() - (7 * TREND_WEEKS + 1) * DAY_MS);
    const [problems, done] = await Promise.all([
      this.repository.problemsOpenDuring(areaIds, from, now),
      this.repository.doneActions(areaIds, from, now),
    ]);
    return digestTrends(calendarDayInZone(now, this.timeZone), this.timeZone, problems, done);
  }

  async board(boardName: string, areas: DigestArea[], now: Date): Promise<BoardDigest> {
    const today = calendarDayInZone(now, this.timeZone);
    const areaIds = areas.map((area) => area.id);
    const codes = new Map(areas.map((area) => [area.id, area.code]));
    // An action this many working days overdue was due before this day.
    const boardDays = DEFAULT_CHASE_POLICY.overdueBoardDays;
    const longOverdueBefore = dueBeforeWhenOverdueBy(today, boardDays);
    const [escalated, overdue, measures, trends] = await Promise.all([
      this.repository.escalated(areaIds),
      this.repository.overdueActions(areaIds, longOverdueBefore, LONG_OVERDUE_LISTED),
      Promise.all(areas.map((area) => this.measures(area, now))),
      this.trends(areaIds, now),
    ]);
    return {
      board: boardName,
      from: calendarDayInZone(new Date(now.getTime() - 5 * WEEK_MS), this.timeZone),
      to: today,
      classification: classificationOf([...escalated, ...overdue.actions]),
      escalations: escalated.map(({ areaId, ...problem }) => ({
        ...problem,
        areaCode: codes.get(areaId) ?? "?",
      })),
      longOverdue: overdue.actions.map(({ areaId, ...action }) => ({
        ...action,
        areaCode: codes.get(areaId) ?? "?",
        daysOverdue: workingDaysAfter(action.dueOn, today),
      })),
      longOverdueTotal: overdue.total,
      areas: measures,
      trends,
    };
  }

  private async measures(area: DigestArea, now: Date): Promise<AreaMeasures> {
    const weekAgo = new Date(now.getTime() - WEEK_MS);
    const fiveWeeksAgo = new Date(now.getTime() - 5 * WEEK_MS);
    const today = calendarDayInZone(now, this.timeZone);
    const weekStart = addCalendarDays(today, -6);
    const [doneThisWeek, doneBefore, closedThisWeek, closedBefore, counts, activityThisWeek, activityBefore] =
      await Promise.all([
        this.repository.doneActions([area.id], weekAgo, now),
        this.repository.doneActions([area.id], fiveWeeksAgo, weekAgo),
        this.repository.closedProblemAges(area.id, weekAgo, now),
        this.repository.closedProblemAges(area.id, fiveWeeksAgo, weekAgo),
        this.repository.openProblemCounts(area.id),
        this.repository.activityByAgency(area.id, weekStart, today),
        this.repository.activityByAgency(
          area.id,
          addCalendarDays(weekStart, -28),
          addCalendarDays(weekStart, -1),
        ),
      ]);
    const categories = new Map<string, number>();
    for (const row of counts) {
      const label = CATEGORY_LABELS[row.category];
      categories.set(label, (categories.get(label) ?? 0) + row.count);
    }
    const agencies = new Map<string, { thisWeek: number; lastFourWeeks: number }>();
    const tally = (rows: typeof activityThisWeek, field: "thisWeek" | "lastFourWeeks", divisor: number) => {
      for (const row of rows) {
        const name = ORGANISATION_KINDS[row.agency];
        const entry = agencies.get(name) ?? { thisWeek: 0, lastFourWeeks: 0 };
        entry[field] += row.count / divisor;
        agencies.set(name, entry);
      }
    };
    tally(activityThisWeek, "thisWeek", 1);
    tally(activityBefore, "lastFourWeeks", 4);
    return {
      code: area.code,
      name: area.name,
      doneOnTimePercent: {
        thisWeek: doneOnTimePercent(doneThisWeek, this.timeZone),
        lastFourWeeks: doneOnTimePercent(doneBefore, this.timeZone),
      },
      medianDaysToClose: {
        thisWeek: medianDaysToClose(closedThisWeek),
        lastFourWeeks: medianDaysToClose(closedBefore),
      },
      openByPriority: byPriority(counts),
      openByCategory: [...categories].map(([category, count]) => ({ category, count })),
      activityByAgency: [...agencies]
        .map(([agency, figures]) => ({
          agency,
          thisWeek: figures.thisWeek,
          lastFourWeeks: figures.lastFourWeeks,
        }))
        .sort((a, b) => b.thisWeek - a.thisWeek || a.agency.localeCompare(b.agency)),
    };
  }

  /** The weekly digest of each area to its coordinators: one message per coordinator per area. */
  async sendWeekly(slotKey: string, now: Date): Promise<DigestSendCounts> {
    const counts: DigestSendCounts = { messages: 0, areas: 0 };
    for (const area of await this.repository.areas()) {
      const coordinators = await this.repository.contactIdsWithRole(area.id, "COORDINATOR");
      if (coordinators.length === 0) continue;
      const digest = await this.weekly(area, now);
      await this.repository.enqueue(
        coordinators.map((recipientId) => ({
          key: `digest.weekly:${slotKey}:${area.code}:${recipientId}`,
          recipientId,
          kind: "digest.weekly" as const,
          payload: digest,
        })),
      );
      counts.areas += 1;
      counts.messages += coordinators.length;
    }
    return counts;
  }

  /** Each board member gets one board digest covering the areas they sit for. */
  async sendBoard(slotKey: string, now: Date): Promise<DigestSendCounts> {
    const areas = await this.repository.areas();
    const areasByMember = new Map<string, DigestArea[]>();
    for (const area of areas) {
      for (const memberId of await this.repository.contactIdsWithRole(area.id, "BOARD_MEMBER")) {
        areasByMember.set(memberId, [...(areasByMember.get(memberId) ?? []), area]);
      }
    }
    const counts: DigestSendCounts = { messages: 0, areas: areas.length };
    for (const [recipientId, memberAreas] of areasByMember) {
      const boards = [...new Set(memberAreas.map((area) => area.board))].join("; ");
      const digest = await this.board(boards, memberAreas, now);
      await this.repository.enqueue([
        { key: `digest.board:${slotKey}:${recipientId}`, recipientId, kind: "digest.board", payload: digest },
      ]);
      counts.messages += 1;
    }
    return counts;
  }
}

function byPriority(rows: { priority: Priority; count: number }[]): Record<Priority, number> {
  const totals: Record<Priority, number> = { RED: 0, AMBER: 0, GREEN: 0 };
  for (const row of rows) totals[row.priority] += row.count;
  return totals;
}

/** Actions due before the day this returns are at least `days` working days overdue today. */
function dueBeforeWhenOverdueBy(today: string, days: number): string {
  let day = today;
  while (workingDaysAfter(day, today) < days) day = addCalendarDays(day, -1);
  return addCalendarDays(day, 1);
}
