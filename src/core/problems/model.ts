// Problems, partners and actions as the core sees them: plain data, no database types.
import type { ActionStatus } from "../actions/status.js";
import type { ThreadPost } from "../intake/thread-news.js";
import type { OutboxEntry } from "../outbox.js";
import type { AuditEntry, Contact, OrganisationKind } from "../register/model.js";
import type { Priority } from "./priority.js";
import type { ProblemStatus } from "./status.js";

export type ProblemCategory =
  | "ASB"
  | "DRUGS"
  | "EXPLOITATION"
  | "FIRE_RISK"
  | "ROAD_SAFETY"
  | "SAFEGUARDING"
  | "ENVIRONMENTAL"
  | "HATE_CRIME"
  | "OTHER";

export type Objective = "ELIMINATE" | "REDUCE" | "REDUCE_SERIOUSNESS" | "HANDLE_BETTER" | "HAND_OVER";
export type Classification = "OFFICIAL" | "OFFICIAL_SENSITIVE";
export type SaraStage = "SCANNING" | "ANALYSIS" | "RESPONSE" | "ASSESSMENT";

/** The personal details of a problem: shown only through the audited details use case. */
export interface ProblemDetails {
  description: string | null;
  locationText: string | null;
  postcode: string | null;
  gridReference: string | null;
  victimOrTarget: string | null;
  guardian: string | null;
  offender: string | null;
  handler: string | null;
  placeManager: string | null;
}

export interface Partner {
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  contactId: string | null;
  contactName: string | null;
  isLead: boolean;
  reason: string;
}

export interface Problem {
  id: string;
  ref: string;
  area: { id: string; code: string; name: string };
  title: string;
  category: ProblemCategory;
  postcodeOutward: string | null;
  repeatLocation: boolean;
  repeatVictim: boolean;
  repeatOffender: boolean;
  objective: Objective | null;
  objectiveDetail: string | null;
  harm: number;
  likelihood: number;
  vulnerablePerson: boolean;
  priority: Priority;
  status: ProblemStatus;
  saraStage: SaraStage;
  /** YYYY-MM-DD. */
  nextReviewOn: string;
  classification: Classification;
  outcome: string | null;
  assessment: string | null;
  escalationReason: string | null;
  escalatedAt: Date | null;
  raisedById: string;
  createdAt: Date;
  closedAt: Date | null;
  partners: Partner[];
  details: ProblemDetails;
}

export interface ActionUpdate {
  authorId: string;
  text: string;
  at: Date;
}

export interface Action {
  id: string;
  problemId: string;
  problemRef: string;
  text: string;
  organisationId: string;
  organisationName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** YYYY-MM-DD. */
  dueOn: string;
  status: ActionStatus;
  declineReason: string | null;
  outcome: string | null;
  createdAt: Date;
  updates: ActionUpdate[];
}

export type NewProblem = Omit<
  Problem,
  | "id"
  | "area"
  | "partners"
  | "createdAt"
  | "closedAt"
  | "status"
  | "saraStage"
  | "outcome"
  | "assessment"
  | "escalationReason"
  | "escalatedAt"
> & { areaId: string; clientKey: string | null };

export type ProblemChanges = Partial<
  Pick<
    Problem,
    | "title"
    | "category"
    | "postcodeOutward"
    | "repeatLocation"
    | "repeatVictim"
    | "repeatOffender"
    | "objective"
    | "objectiveDetail"
    | "harm"
    | "likelihood"
    | "vulnerablePerson"
    | "priority"
    | "status"
    | "saraStage"
    | "nextReviewOn"
    | "classification"
    | "outcome"
    | "assessment"
    | "escalationReason"
    | "escalatedAt"
    | "closedAt"
  >
> & { details?: Partial<ProblemDetails> };

export interface NewAction {
  problemId: string;
  text: string;
  organisationId: string;
  assigneeId: string | null;
  dueOn: string;
  createdById: string;
  clientKey: string | null;
}

export type ActionChanges = Partial<
  Pick<Action, "text" | "organisationId" | "assigneeId" | "dueOn" | "status" | "declineReason" | "outcome">
> & { acceptedAt?: Date | null; doneAt?: Date | null };

/** The workflow's storage, as the core needs it. `transaction` runs `work` atomically. */
export interface WorkflowRepository {
  transaction<T>(work: (repository: WorkflowRepository) => Promise<T>): Promise<T>;
  findArea(codeOrName: string): Promise<{ id: string; code: string; name: string } | null>;
  findContact(id: string): Promise<Contact | null>;
  findContactByEmail(email: string): Promise<Contact | null>;
  findOrganisation(name: string): Promise<{ id: string; name: string; kind: OrganisationKind } | null>;
  /** Active SPOCs and deputies in an area whose themes or organisation kinds match. */
  partnerCandidates(areaId: string, themes: string[], kinds: OrganisationKind[]): Promise<Contact[]>;
  /** Active contacts with `role` in the area: its coordinators, SPOCs of one organisation... */
  contactsWithRole(
    areaId: string,
    role: "COORDINATOR" | "SPOC" | "DEPUTY" | "BOARD_MEMBER",
    organisationId?: string,
  ): Promise<Contact[]>;
  /** The next number in the area's sequence for the year; atomic, so concurrent raises never share one. */
  nextProblemNumber(areaId: string, year: number): Promise<number>;
  createProblem(problem: NewProblem & { ref: string }): Promise<Problem>;
  findProblemByRef(ref: string): Promise<Problem | null>;
  findProblemById(id: string): Promise<Problem | null>;
  findProblemByClientKey(raisedById: string, clientKey: string): Promise<Problem | null>;
  updateProblem(id: string, changes: ProblemChanges): Promise<Problem>;
  setPartner(
    problemId: string,
    partner: Omit<Partner, "organisationName" | "organisationKind" | "contactName">,
  ): Promise<void>;
  removePartner(problemId: string, organisationId: string): Promise<void>;
  /** Problems not closed in an area, for the plan. */
  openProblems(areaId: string): Promise<Problem[]>;
  createAction(action: NewAction): Promise<Action>;
  findAction(id: string): Promise<Action | null>;
  findActionByClientKey(clientKey: string): Promise<Action | null>;
  /**
   * Changes the action only if its status is still `from` (as the caller read it); null when it
   * has moved on meanwhile (a double click reaching two replicas), and nothing was changed.
   */
  updateActionFrom(id: string, from: ActionStatus, changes: ActionChanges): Promise<Action | null>;
  addActionUpdate(actionId: string, authorId: string, text: string): Promise<void>;
  actionsOf(problemIds: string[]): Promise<Action[]>;
  /** Open actions assigned to this person. */
  openActionsFor(contactId: string): Promise<Action[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
  /** Writes a post for the problem's thread in its area's LDG channel, where it has one. */
  postToThread(post: ThreadPost): Promise<void>;
}

/**
 * A problem's fields that may hold personal details: never shown beyond those allowed, scrubbed
 * from text that goes outside the partnership, and emptied by the retention job.
 */
export const PERSONAL_PROBLEM_FIELDS = [
  "description",
  "locationText",
  "postcode",
  "gridReference",
  "victimOrTarget",
  "guardian",
  "offender",
  "handler",
  "placeManager",
] as const;
