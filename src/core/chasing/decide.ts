// Decides who is chased about what today: each action's and review's due steps, sent to whoever
// covers the person they are for. Pure: the run reads the candidates and writes what this returns.
import { ragOf } from "../actions/rag.js";
import { isAwayOn } from "../leave/away.js";
import { calendarDayInZone } from "../time/due-date.js";
import { workingDaysAfter } from "../time/working-days.js";
import type {
  ChaseAction,
  ChaseEscalation,
  ChaseItem,
  ChasePerson,
  ChaseReview,
  ChaseStepName,
  ChaseStepRecord,
} from "./model.js";
import { ASSIGNEE_STEPS, stepKey } from "./model.js";
import type { ChasePolicy } from "./policy.js";

export interface ChaseInputs {
  today: string;
  timeZone: string;
  areas: Map<string, { policy: ChasePolicy; coordinatorIds: string[]; boardMemberIds: string[] }>;
  actions: ChaseAction[];
  reviews: ChaseReview[];
  escalations: ChaseEscalation[];
  people: Map<string, ChasePerson>;
}

export interface PersonChase {
  recipientId: string;
  items: ChaseItem[];
  /** In step with `items`. */
  steps: ChaseStepRecord[];
}

export function decideChases(inputs: ChaseInputs): Map<string, PersonChase> {
  const { today } = inputs;
  const byPerson = new Map<string, PersonChase>();
  // Each person's step keys, to add a step once: kept apart from the chases so that they can be
  // dropped as soon as the decision is made (a county's run has tens of thousands).
  const keysByPerson = new Map<string, Set<string>>();
  const elapsedCache = new Map<string, number>();
  const elapsed = (from: string) => {
    let value = elapsedCache.get(from);
    if (value === undefined) {
      value = workingDaysAfter(from, today);
      elapsedCache.set(from, value);
    }
    return value;
  };

  // ragOf counts working days on every call: tens of thousands of items share a few hundred due days.
  const ragCache = new Map<string, ReturnType<typeof ragOf>>();
  const ragFor = (status: ChaseAction["status"], dueOn: string) => {
    const key = `${status}|${dueOn}`;
    if (!ragCache.has(key)) ragCache.set(key, ragOf(status, dueOn, today));
    return ragCache.get(key) ?? null;
  };

  const isAvailable = (person: ChasePerson | undefined) =>
    person !== undefined && !person.retired && !isAwayOn(person, today);

  /** The person, or who covers them: their deputy, else the area's coordinators. */
  const coverFor = (personId: string, areaId: string): { ids: string[]; covering: boolean } => {
    const person = inputs.people.get(personId);
    if (isAvailable(person)) return { ids: [personId], covering: false };
    const deputy = person?.deputyId ? inputs.people.get(person.deputyId) : undefined;
    if (deputy && isAvailable(deputy)) return { ids: [deputy.id], covering: true };
    const coordinators = coordinatorsOf(areaId).filter((id) => id !== personId);
    if (coordinators.length > 0) return { ids: coordinators, covering: true };
    return person && !person.retired ? { ids: [personId], covering: false } : { ids: [], covering: true };
  };

  const coordinatorsOf = (areaId: string) => inputs.areas.get(areaId)?.coordinatorIds ?? [];
  const policyOf = (areaId: string) => inputs.areas.get(areaId)?.policy;

  /** The item goes to each recipient once per step; items are shared, never changed after. */
  const add = (recipientIds: string[], subject: string, occurrence: string, item: ChaseItem) => {
    for (const recipientId of recipientIds) {
      let chase = byPerson.get(recipientId);
      let keys = keysByPerson.get(recipientId);
      if (!chase || !keys) {
        chase = { recipientId, items: [], steps: [] };
        keys = new Set();
        byPerson.set(recipientId, chase);
        keysByPerson.set(recipientId, keys);
      }
      const shared = ASSIGNEE_STEPS.has(item.step) && recipientIds.length === 1;
      const record = { subject, step: item.step, occurrence, recipientId, shared };
      const key = stepKey(record);
      if (keys.has(key)) continue;
      keys.add(key);
      chase.items.push(item);
      chase.steps.push(record);
    }
  };

  /** The assignee's cover, or, with nobody assigned, the coordinators. */
  const toAssignee = (action: ChaseAction) =>
    action.assigneeId
      ? coverFor(action.assigneeId, action.areaId)
      : { ids: coordinatorsOf(action.areaId), covering: true };

  // One literal shape for every item: tens of thousands are built in a county's run.
  const actionItem = (
    action: ChaseAction,
    step: ChaseStepName,
    covering: boolean,
    daysOverdue?: number,
  ): ChaseItem => ({
    ref: action.problem.ref,
    title: action.problem.title,
    priority: action.problem.priority,
    classification: action.problem.classification,
    step,
    actionText: action.text,
    organisationName: action.organisationName,
    dueOn: action.dueOn,
    rag: ragFor(action.status, action.dueOn) ?? undefined,
    daysOverdue,
    covering: covering || undefined,
  });

  // The zones served are whole hours off UTC, so the hour fixes the day.
  const dayCache = new Map<string, string>();
  const dayOf = (instant: Date) => {
    const hour = instant.toISOString().slice(0, 13);
    let found = dayCache.get(hour);
    if (found === undefined) {
      found = calendarDayInZone(instant, inputs.timeZone);
      dayCache.set(hour, found);
    }
    return found;
  };

  for (const action of inputs.actions) {
    const policy = policyOf(action.areaId);
    if (!policy) continue;
    if (action.status === "PROPOSED") chaseUnaccepted(action, policy);
    if (action.status === "ACCEPTED" && action.dueOn >= today) chaseDueSoon(action, policy);
    if (action.dueOn < today) chaseOverdue(action, policy);
  }

  function chaseUnaccepted(action: ChaseAction, policy: ChasePolicy) {
    const proposedOn = dayOf(action.proposedAt);
    const days = elapsed(proposedOn);
    const subject = `action:${action.id}`;
    const occurrence = `${action.assigneeId ?? "nobody"}:${proposedOn}`;
    if (days >= policy.unacceptedReminderDays) {
      const to = toAssignee(action);
      add(to.ids, subject, occurrence, actionItem(action, "unaccepted.reminder", to.covering));
    }
    if (days >= policy.unacceptedEscalationDays) {
      const assignee = action.assigneeId ? inputs.people.get(action.assigneeId) : undefined;
      const deputy = assignee?.deputyId ? inputs.people.get(assignee.deputyId) : undefined;
      const ids = [...(deputy && isAvailable(deputy) ? [deputy.id] : []), ...coordinatorsOf(action.areaId)];
      add(ids, subject, occurrence, actionItem(action, "unaccepted.escalation", false));
    }
  }

  function chaseDueSoon(action: ChaseAction, policy: ChasePolicy) {
    const to = toAssignee(action);
    const subject = `action:${action.id}`;
    if (action.dueOn === today)
      add(to.ids, subject, action.dueOn, actionItem(action, "due.today", to.covering));
    else if (workingDaysAfter(today, action.dueOn) <= policy.dueSoonDays)
      add(to.ids, subject, action.dueOn, actionItem(action, "due.soon", to.covering));
  }

  function chaseOverdue(action: ChaseAction, policy: ChasePolicy) {
    const overdueDays = elapsed(action.dueOn);
    if (overdueDays < 1) return;
    const subject = `action:${action.id}`;
    const round = Math.floor((overdueDays - 1) / policy.overdueEveryDays);
    const to = toAssignee(action);
    const item = actionItem(action, "overdue.reminder", to.covering, overdueDays);
    add(to.ids, subject, `${action.dueOn}#${round}`, item);
    if (overdueDays >= policy.overdueCoordinatorDays) {
      const forCoordinator = actionItem(action, "overdue.coordinator", false, overdueDays);
      add(coordinatorsOf(action.areaId), subject, action.dueOn, forCoordinator);
    }
  }

  for (const review of inputs.reviews) {
    if (!inputs.areas.has(review.areaId)) continue;
    const ids = new Set<string>();
    let covering = false;
    for (const coordinatorId of coordinatorsOf(review.areaId)) {
      const to = coverFor(coordinatorId, review.areaId);
      for (const id of to.ids) ids.add(id);
      covering ||= to.covering;
    }
    add([...ids], `problem:${review.problemId}`, review.nextReviewOn, {
      ...review.problem,
      step: "review.due",
      dueOn: review.nextReviewOn,
      covering: covering || undefined,
      problemId: review.problemId,
    });
  }
  // The board is chased like an action: at the policy's count of working days, then as often as
  // an overdue action, until a member answers.
  for (const escalation of inputs.escalations) {
    const area = inputs.areas.get(escalation.areaId);
    if (!area) continue;
    const escalatedOn = dayOf(escalation.escalatedAt);
    const days = elapsed(escalatedOn);
    if (days < area.policy.boardAnswerDays) continue;
    const round = Math.floor((days - area.policy.boardAnswerDays) / area.policy.overdueEveryDays);
    add(area.boardMemberIds, `problem:${escalation.problemId}`, `${escalatedOn}#${round}`, {
      ...escalation.problem,
      step: "escalation.unanswered",
      dueOn: escalatedOn,
      daysOverdue: days,
    });
  }
  return byPerson;
}
