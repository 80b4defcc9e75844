// One chase run: finds what is due today by the areas' policies, and sends each person one message
// listing all of their items. Each person's steps are recorded with their message in one
// transaction, so a run that is repeated (after a crash, or by a second process) sends nothing twice.

import { ragOf } from "../actions/rag.js";
import { calendarDayInZone, LDG_TIME_ZONE } from "../time/due-date.js";
import { decideChases, type PersonChase } from "./decide.js";
import {
  CHASE_STEPS,
  type ChaseItem,
  type ChaseRepository,
  type ChaseStepName,
  type ChaseStepRecord,
  type ReviewAction,
  stepKey,
} from "./model.js";
import { policyFor } from "./policy.js";
import { chaseWindow } from "./window.js";
import { outsideWorkingHours } from "./working-hours.js";

/** A message lists at most this many items, then says how many more there are. */
export const MAX_ITEMS_PER_MESSAGE = 50;

const STEP_RANK = Object.fromEntries(CHASE_STEPS.map((step, rank) => [step, rank])) as Record<
  ChaseStepName,
  number
>;

export interface ChaseRunCounts {
  [count: string]: number | string;
  messages: number;
  items: number;
}

export class Chasing {
  constructor(
    private readonly repository: ChaseRepository,
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  async run(slotKey: string, now: Date): Promise<ChaseRunCounts> {
    const quiet = outsideWorkingHours(now, this.timeZone);
    if (quiet) return { messages: 0, items: 0, skipped: quiet };
    const today = calendarDayInZone(now, this.timeZone);

    const areaRows = await this.repository.areas();
    const areas = new Map(
      areaRows.map((area) => [
        area.id,
        {
          policy: policyFor(area.chasePolicy),
          coordinatorIds: area.coordinatorIds,
          boardMemberIds: area.boardMemberIds,
        },
      ]),
    );
    const policies = [...areas.values()].map((area) => area.policy);
    if (policies.length === 0) return { messages: 0, items: 0 };

    // One read after the other: at county scale each is large, and together they would double the
    // peak memory.
    const actions = await this.repository.actionsToChase(chaseWindow(today, policies));
    const reviews = await this.repository.reviewsDueBy(today);
    const escalations = await this.repository.unansweredEscalations();
    const personIds = new Set<string>();
    for (const action of actions) if (action.assigneeId) personIds.add(action.assigneeId);
    for (const area of areaRows) for (const id of area.coordinatorIds) personIds.add(id);
    const people = await this.repository.people([...personIds]);
    // Deputies are looked up as people too, for their own leave.
    const deputyIds = [...people.values()]
      .map((person) => person.deputyId)
      .filter((id): id is string => id !== null && !people.has(id));
    for (const [id, person] of await this.repository.people(deputyIds)) people.set(id, person);

    const chases = [
      ...decideChases({
        today,
        timeZone: this.timeZone,
        areas,
        actions,
        reviews,
        escalations,
        people,
      }).values(),
    ];
    const reviewActions = await this.actionsOfListedReviews(chases);
    const fresh = await this.repository.send(chases, slotKey, (index, freshSteps) => {
      const chase = chases[index] as (typeof chases)[number];
      const items = byRank(freshSteps.map((step) => chase.items[step] as ChaseItem)).map((item) =>
        item.problemId
          ? { ...item, actions: this.listed(reviewActions.get(item.problemId) ?? [], today) }
          : item,
      );
      return {
        key: `chase:${slotKey}:${chase.recipientId}`,
        recipientId: chase.recipientId,
        kind: "chase.reminders",
        payload: {
          day: today,
          items: items.slice(0, MAX_ITEMS_PER_MESSAGE),
          more: Math.max(0, items.length - MAX_ITEMS_PER_MESSAGE),
        },
      };
    });
    const counts: ChaseRunCounts = { messages: 0, items: 0 };
    for (const items of fresh) {
      if (items === 0) continue;
      counts.messages += 1;
      counts.items += items;
    }
    return counts;
  }

  /**
   * The open actions of the reviews the messages have room for: the reviews not sent before, the
   * first of each person's list. Read for those alone, since a county has thousands of reviews due.
   */
  private async actionsOfListedReviews(chases: PersonChase[]): Promise<Map<string, ReviewAction[]>> {
    const reviewSteps = chases.flatMap((chase) => chase.steps.filter((step) => step.step === "review.due"));
    const sent = await this.repository.alreadySent(reviewSteps.map(stepKey));
    const listed = new Set<string>();
    for (const chase of chases) {
      const fresh = chase.items.filter(
        (item, index) => item.problemId && !sent.has(stepKey(chase.steps[index] as ChaseStepRecord)),
      );
      for (const item of byRank(fresh).slice(0, MAX_ITEMS_PER_MESSAGE)) listed.add(item.problemId as string);
    }
    return this.repository.reviewActions([...listed]);
  }

  private listed(actions: ReviewAction[], today: string) {
    return actions.map((action) => ({
      text: action.text,
      organisationName: action.organisationName,
      dueOn: action.dueOn,
      rag: ragOf(action.status, action.dueOn, today),
    }));
  }
}

/** As a message lists items: by step, then soonest due, so the ones it has room for are the most pressing. */
function byRank(items: ChaseItem[]): ChaseItem[] {
  return [...items].sort(
    (a, b) => STEP_RANK[a.step] - STEP_RANK[b.step] || (a.dueOn ?? "").localeCompare(b.dueOn ?? ""),
  );
}
