// What a problem's thread in its area's LDG channel is told: the headline card when the problem is
// raised, then one line per step of its life. Headlines and organisation names only, never
// personal details (no description, location, people, action texts, reasons or outcomes).
import type { Action, Problem } from "../problems/model.js";

export interface ThreadPayload {
  ref: string;
  title: string;
  priority: Problem["priority"];
  classification: Problem["classification"];
  areaName: string;
  /** What happened, for a reply; absent on the post that starts the thread. */
  news?: string;
}

/**
 * A post for the problem's thread. The store addresses it: a thread start goes to the area's LDG
 * channel if it has one; news goes to the thread the problem started, if it did. Otherwise nothing.
 */
export interface ThreadPost {
  key: string;
  problemRef: string;
  areaId: string;
  startsThread: boolean;
  payload: ThreadPayload;
}

/** The problem changes that are news for its thread, by audit verb. */
const PROBLEM_NEWS: Record<string, (problem: Problem) => string> = {
  "problem.triaged": () => "Triaged by the coordinator",
  "problem.active": () => "Now active: partners are working on it",
  "problem.review": () => "Under review",
  "problem.rescored": (problem) => `Re-scored: priority now ${problem.priority}`,
  "problem.convened": () => "Convened: moved to a private conversation for its partners",
  "problem.escalated": () => "Escalated to the Strategic Board",
  "problem.closed": () => "Closed",
  "problem.reopened": () => "Reopened",
};

const ACTION_NEWS: Record<string, (action: Action) => string> = {
  "action.tasked": (action) => `Action tasked to ${action.organisationName}`,
  "action.accepted": (action) => `${action.organisationName} accepted an action`,
  "action.declined": (action) => `${action.organisationName} declined an action`,
  "action.done": (action) => `${action.organisationName} finished an action`,
  "action.cancelled": (action) => `An action for ${action.organisationName} was cancelled`,
};

function headline(problem: Problem): ThreadPayload {
  const { ref, title, priority, classification } = problem;
  return { ref, title, priority, classification, areaName: problem.area.name };
}

export function threadStart(problem: Problem): ThreadPost {
  return {
    key: `thread:${problem.id}:raised`,
    problemRef: problem.ref,
    areaId: problem.area.id,
    startsThread: true,
    payload: headline(problem),
  };
}

/** The reply for a change of the problem, or none when the change is not news. `at` keeps each step apart. */
export function problemNews(verb: string, problem: Problem, at: Date): ThreadPost | null {
  const news = PROBLEM_NEWS[verb]?.(problem);
  return news ? reply(`thread:${problem.id}:${verb}:${at.toISOString()}`, problem, news) : null;
}

/** Whether a change of an action is news for its problem's thread (so its problem is worth reading). */
export function isActionNews(verb: string): boolean {
  return Object.hasOwn(ACTION_NEWS, verb);
}

export function actionNews(verb: string, action: Action, problem: Problem, at: Date): ThreadPost | null {
  const news = ACTION_NEWS[verb]?.(action);
  return news ? reply(`thread:${action.id}:${verb}:${at.toISOString()}`, problem, news) : null;
}

function reply(key: string, problem: Problem, news: string): ThreadPost {
  return {
    key,
    problemRef: problem.ref,
    areaId: problem.area.id,
    startsThread: false,
    payload: { ...headline(problem), news },
  };
}
