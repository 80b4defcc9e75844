// Decides who is chased about what today: each action's and review's due steps, sent to whoever
// covers the person they are for. Pure: the run reads the candidates and writes what this returns.
import { ragOf } from "../actions/rag.js";
import { calendarDayInZone } from "../time/due-date.js";
import { workingDaysAfter } from "../time/working-days.js";
import type {
  ChaseAction,
  ChaseItem,
  ChasePerson,
  ChaseReview,
  ChaseStepName,
  ChaseStepRecord,
  ProblemHeadline,
} from "./model.js";
import type { ChasePolicy } from "./policy.js";

export interface ChaseInputs {
  today: string;
  timeZone: string;
  areas: Map<string, { policy: ChasePolicy; coordinatorIds: string[] }>;
  unaccepted: ChaseAction[];
  dueSoon: ChaseAction[];
  overdue: ChaseAction[];
  reviews: ChaseReview[];
  headlines: Map<string, ProblemHeadline>;
  people: Map<string, ChasePerson>;
}

export interface PersonChase {
  recipientId: string;
  items: ChaseItem[];
  steps: ChaseStepRecord[];
}

export function decideChases(inputs: ChaseInputs): Map<string, PersonChase> {
  const { today } = inputs;
  const byPerson = new Map<string, PersonChase>();
  const elapsedCache = new Map<string, number>();
  const elapsed = (from: string) => {
    let value = elapsedCache.get(from);
    if (value === undefined) {
      value = workingDaysAfter(from, today);
      elapsedCache.set(from, value);
    }
    return value;
  };

  const isAvailable = (person: ChasePerson | undefined) =>
    person !== undefined && !person.retired && !(person.awayUntil !== null && today < person.awayUntil);

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

  const add = (
    recipientIds: string[],
    subject: string,
    step: ChaseStepName,
    occurrence: string,
    item: Omit<ChaseItem, "step">,
  ) => {
    for (const recipientId of recipientIds) {
      let chase = byPerson.get(recipientId);
      if (!chase) {
        chase = { recipientId, items: [], steps: [] };
        byPerson.set(recipientId, chase);
      }
      if (chase.steps.some((s) => s.subject === subject && s.step === step && s.occurrence === occurrence))
        continue;
      chase.items.push({ ...item, step });
      chase.steps.push({ subject, step, occurrence, recipientId });
    }
  };

  /** The assignee's cover, or, with nobody assigned, the coordinators. */
  const toAssignee = (action: ChaseAction) =>
    action.assigneeId
      ? coverFor(action.assigneeId, action.areaId)
      : { ids: coordinatorsOf(action.areaId), covering: true };

  const actionItem = (action: ChaseAction, covering: boolean, extra: Partial<ChaseItem> = {}) => {
    const headline = inputs.headlines.get(action.problemId);
    if (!headline) return undefined;
    const rag = ragOf(action.status, action.dueOn, today);
    return {
      ...headline,
      actionText: action.text,
      organisationName: action.organisationName,
      dueOn: action.dueOn,
      ...(rag ? { rag } : {}),
      ...(covering ? { covering } : {}),
      ...extra,
    };
  };

  for (const action of inputs.unaccepted) {
    const policy = policyOf(action.areaId);
    if (!policy || action.status !== "PROPOSED") continue;
    const proposedOn = calendarDayInZone(action.proposedAt, inputs.timeZone);
    const days = elapsed(proposedOn);
    const subject = `action:${action.id}`;
    const occurrence = `${action.assigneeId ?? "nobody"}:${proposedOn}`;
    if (days >= policy.unacceptedReminderDays) {
      const to = toAssignee(action);
      const item = actionItem(action, to.covering);
      if (item) add(to.ids, subject, "unaccepted.reminder", occurrence, item);
    }
    if (days >= policy.unacceptedEscalationDays) {
      const assignee = action.assigneeId ? inputs.people.get(action.assigneeId) : undefined;
      const deputy = assignee?.deputyId ? inputs.people.get(assignee.deputyId) : undefined;
      const ids = [...(deputy && isAvailable(deputy) ? [deputy.id] : []), ...coordinatorsOf(action.areaId)];
      const item = actionItem(action, false);
      if (item) add(ids, subject, "unaccepted.escalation", occurrence, item);
    }
  }

  for (const action of inputs.dueSoon) {
    const policy = policyOf(action.areaId);
    if (!policy || action.status !== "ACCEPTED" || action.dueOn < today) continue;
    const to = toAssignee(action);
    const subject = `action:${action.id}`;
    const item = actionItem(action, to.covering);
    if (!item) continue;
    if (action.dueOn === today) add(to.ids, subject, "due.today", action.dueOn, item);
    else if (workingDaysAfter(today, action.dueOn) <= policy.dueSoonDays)
      add(to.ids, subject, "due.soon", action.dueOn, item);
  }

  for (const action of inputs.overdue) {
    const policy = policyOf(action.areaId);
    if (!policy || action.dueOn >= today) continue;
    const overdueDays = elapsed(action.dueOn);
    if (overdueDays < 1) continue;
    const subject = `action:${action.id}`;
    const round = Math.floor((overdueDays - 1) / policy.overdueEveryDays);
    const to = toAssignee(action);
    const item = actionItem(action, to.covering, { daysOverdue: overdueDays });
    if (item) add(to.ids, subject, "overdue.reminder", `${action.dueOn}#${round}`, item);
    if (overdueDays >= policy.overdueCoordinatorDays) {
      const forCoordinator = actionItem(action, false, { daysOverdue: overdueDays });
      if (forCoordinator)
        add(coordinatorsOf(action.areaId), subject, "overdue.coordinator", action.dueOn, forCoordinator);
    }
  }

  for (const review of inputs.reviews) {
    const headline = inputs.headlines.get(review.problemId);
    if (!headline || !inputs.areas.has(review.areaId)) continue;
    const ids = new Set<string>();
    let covering = false;
    for (const coordinatorId of coordinatorsOf(review.areaId)) {
      const to = coverFor(coordinatorId, review.areaId);
      for (const id of to.ids) ids.add(id);
      covering ||= to.covering;
    }
    add([...ids], `problem:${review.problemId}`, "review.due", review.nextReviewOn, {
      ...headline,
      dueOn: review.nextReviewOn,
      ...(covering ? { covering } : {}),
      actions: review.actions.map((action) => ({
        text: action.text,
        organisationName: action.organisationName,
        dueOn: action.dueOn,
        rag: ragOf(action.status, action.dueOn, today),
      })),
    });
  }
  return byPerson;
}
