// Who may see and change a problem. Access follows the area: coordinators act on their area,
// SPOCs and deputies on the problems their organisation is a partner in, officers on what they raised.
import { type Actor, areasWhereActorIs } from "../actor.js";
import { AccessDenied } from "../errors.js";
import type { Problem } from "./model.js";

export function isCoordinatorOf(actor: Actor, areaId: string): boolean {
  return actor.isAdmin || areasWhereActorIs(actor, "COORDINATOR").includes(areaId);
}

function isPartnerContact(actor: Actor, problem: Problem): boolean {
  if (!actor.organisationId) return false;
  const partnerHere = problem.partners.some((partner) => partner.organisationId === actor.organisationId);
  const spocHere = actor.memberships.some(
    (membership) =>
      membership.areaId === problem.area.id && (membership.role === "SPOC" || membership.role === "DEPUTY"),
  );
  return partnerHere && spocHere;
}

/** Raiser, the area's coordinators, partner SPOCs and deputies, and (once escalated) the area's board. */
export function canSeeProblem(actor: Actor, problem: Problem): boolean {
  if (isCoordinatorOf(actor, problem.area.id)) return true;
  if (actor.contactId !== null && actor.contactId === problem.raisedById) return true;
  if (isPartnerContact(actor, problem)) return true;
  const board = areasWhereActorIs(actor, "BOARD_MEMBER").includes(problem.area.id);
  return board && (problem.status === "ESCALATED" || problem.escalationReason !== null);
}

export function assertCanSee(actor: Actor, problem: Problem): void {
  if (!canSeeProblem(actor, problem)) {
    throw new AccessDenied(`You are not part of ${problem.ref}, so I can't show it to you.`);
  }
}

/** The raiser may edit what they raised; coordinators everything in their area. */
export function assertCanEdit(actor: Actor, problem: Problem): void {
  if (isCoordinatorOf(actor, problem.area.id)) return;
  if (actor.contactId !== null && actor.contactId === problem.raisedById) return;
  throw new AccessDenied(
    `Only the officer who raised ${problem.ref} or the area's coordinator can change it.`,
  );
}

export function assertCoordinator(actor: Actor, problem: Problem, doing: string): void {
  if (!isCoordinatorOf(actor, problem.area.id)) {
    throw new AccessDenied(`Only ${problem.area.name}'s coordinator can ${doing}.`);
  }
}
