// One chase run: finds what is due today by the areas' policies, and sends each person one message
// listing all of their items. Each person's steps are recorded with their message in one
// transaction, so a run that is repeated (after a crash, or by a second process) sends nothing twice.
import { addCalendarDays, calendarDayInZone, LDG_TIME_ZONE } from "../time/due-date.js";
import { addWorkingDays } from "../time/working-days.js";
import { decideChases } from "./decide.js";
import { type ChaseRepository, stepKey } from "./model.js";
import { type ChasePolicy, policyFor } from "./policy.js";
import { outsideWorkingHours } from "./working-hours.js";

/** A message lists at most this many items, then says how many more there are. */
export const MAX_ITEMS_PER_MESSAGE = 50;

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
        { policy: policyFor(area.chasePolicy), coordinatorIds: area.coordinatorIds },
      ]),
    );
    const policies = [...areas.values()].map((area) => area.policy);
    const least = (pick: (policy: ChasePolicy) => number) => Math.min(...policies.map(pick));
    if (policies.length === 0) return { messages: 0, items: 0 };

    // Calendar days bound working days from above, so these windows hold every candidate.
    const [unaccepted, dueSoon, overdue, reviews] = await Promise.all([
      this.repository.unacceptedBefore(addCalendarDays(today, 1 - least((p) => p.unacceptedReminderDays))),
      this.repository.acceptedDueBetween(
        today,
        addWorkingDays(today, Math.max(...policies.map((p) => p.dueSoonDays))),
      ),
      this.repository.overdueBefore(today),
      this.repository.reviewsDueBy(today),
    ]);
    const problemIds = new Set([
      ...[unaccepted, dueSoon, overdue].flatMap((list) => list.map((action) => action.problemId)),
      ...reviews.map((review) => review.problemId),
    ]);
    const personIds = new Set<string>();
    for (const action of [...unaccepted, ...dueSoon, ...overdue])
      if (action.assigneeId) personIds.add(action.assigneeId);
    for (const area of areaRows) for (const id of area.coordinatorIds) personIds.add(id);
    const [headlines, people] = await Promise.all([
      this.repository.headlines([...problemIds]),
      this.repository.people([...personIds]),
    ]);
    // Deputies are looked up as people too, for their own leave.
    const deputyIds = [...people.values()]
      .map((person) => person.deputyId)
      .filter((id): id is string => id !== null && !people.has(id));
    for (const [id, person] of await this.repository.people(deputyIds)) people.set(id, person);

    const chases = decideChases({
      today,
      timeZone: this.timeZone,
      areas,
      unaccepted,
      dueSoon,
      overdue,
      reviews,
      headlines,
      people,
    });
    const sent = await this.repository.alreadySent([...chases.values()].flatMap((chase) => chase.steps));

    const counts: ChaseRunCounts = { messages: 0, items: 0 };
    for (const chase of chases.values()) {
      const fresh = chase.steps
        .map((step, index) => ({ step, item: chase.items[index] }))
        .filter(({ step }) => !sent.has(stepKey(step)));
      if (fresh.length === 0) continue;
      const items = fresh.map(({ item }) => item);
      await this.repository.send(
        fresh.map(({ step }) => step),
        {
          key: `chase:${slotKey}:${chase.recipientId}`,
          recipientId: chase.recipientId,
          kind: "chase.reminders",
          payload: {
            day: today,
            items: items.slice(0, MAX_ITEMS_PER_MESSAGE),
            more: Math.max(0, items.length - MAX_ITEMS_PER_MESSAGE),
          },
        },
        slotKey,
      );
      counts.messages += 1;
      counts.items += items.length;
    }
    return counts;
  }
}
