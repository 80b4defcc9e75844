// The action's use cases: task, accept, decline (with a reason), update, done (with an outcome),
// reassign and cancel. Each agency stays accountable for its own actions: its SPOC, deputy or the
// assignee acts on them; the coordinator tasks, reassigns and cancels.
import { z } from "zod";
import type { Actor } from "../actor.js";
import { AccessDenied, InvalidInput, NotFound } from "../errors.js";
import { actionNews, isActionNews } from "../intake/thread-news.js";
import { isAwayOn } from "../leave/away.js";
import { assertCanSee, isCoordinatorOf } from "../problems/access.js";
import type { Action, ActionChanges, Problem, WorkflowRepository } from "../problems/model.js";
import { problemHeadline } from "../problems/problems.js";
import { canMoveProblem } from "../problems/status.js";
import type { Contact } from "../register/model.js";
import { calendarDayInZone, LDG_TIME_ZONE, parseDueDate } from "../time/due-date.js";
import { describeIssues, parseInput } from "../validation.js";
import { type Rag, ragOf } from "./rag.js";
import { type ActionStatus, canMoveAction } from "./status.js";

export interface ActionView extends Action {
  rag: Rag | null;
}

const textSchema = (what: string, min = 3) =>
  z
    .string({ message: "is required" })
    .trim()
    .min(min, { message: `needs ${what}` })
    .max(2000, { message: "is longer than 2000 characters" });

const taskSchema = z.object({
  text: textSchema("a few words saying what is to be done"),
  organisation: z.string({ message: "is required" }).trim().min(1, { message: "is required" }),
  assigneeEmail: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.email({ message: "is not an email address" }).optional(),
  ),
  due: z
    .string({ message: "is required" })
    .trim()
    .min(1, { message: "is required (e.g. next Friday or 31/12)" }),
  clientKey: z.string().trim().max(200).optional(),
});

export type TaskInput = z.input<typeof taskSchema>;

interface PlannedAction {
  text: string;
  organisationId: string;
  assignee: Contact | null;
  dueOn: string;
  clientKey: string | undefined;
}

export class Actions {
  constructor(
    private readonly repository: WorkflowRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly timeZone = LDG_TIME_ZONE,
  ) {}

  view(action: Action): ActionView {
    return {
      ...action,
      rag: ragOf(action.status, action.dueOn, calendarDayInZone(this.now(), this.timeZone)),
    };
  }

  /** Tasks an organisation with an action on a problem; its SPOC for the area is the assignee unless named. */
  async task(actor: Actor, ref: string, input: TaskInput): Promise<ActionView> {
    const { created, existing } = await this.taskSeveral(actor, ref, [{ label: "", input }]);
    return (created[0] ?? existing[0]) as ActionView;
  }

  /**
   * Tasks several actions on one problem in one transaction (a meeting's notes, say): every input
   * is checked first, and if any is wrong none is created and each mistake is named by its label.
   * An input whose client key made an action already is not made again: it comes back as existing.
   */
  async taskSeveral(
    actor: Actor,
    ref: string,
    inputs: { label: string; input: TaskInput }[],
  ): Promise<{ created: ActionView[]; existing: ActionView[] }> {
    const { problem, planned, existing, mistakes } = await this.planSeveral(actor, ref, inputs);
    if (mistakes.length > 0) throw new InvalidInput(mistakes);
    if (planned.length === 0) return { created: [], existing };
    const created = await this.repository.transaction(async (repository) => {
      const views: ActionView[] = [];
      for (const action of planned) {
        // Read afresh each time: the action before may have made a partner or moved the problem.
        const current = (await repository.findProblemByRef(problem.ref)) as Problem;
        views.push(await this.create(repository, actor, current, action));
      }
      return views;
    });
    return { created, existing };
  }

  /** What would be wrong with tasking these actions, each named by its label; writes nothing. */
  async checkSeveral(actor: Actor, ref: string, inputs: { label: string; input: TaskInput }[]) {
    return (await this.planSeveral(actor, ref, inputs)).mistakes;
  }

  private async planSeveral(actor: Actor, ref: string, inputs: { label: string; input: TaskInput }[]) {
    const planned: PlannedAction[] = [];
    const existing: ActionView[] = [];
    const mistakes: string[] = [];
    const named = (label: string, problems: string[]) =>
      problems.map((problem) => (label ? `${label}: ${problem}` : problem));
    const valid: { label: string; input: z.output<typeof taskSchema> }[] = [];
    for (const { label, input } of inputs) {
      const parsed = taskSchema.safeParse(input);
      if (!parsed.success) {
        mistakes.push(...named(label, describeIssues(parsed.error)));
        continue;
      }
      // A retry of the same submission finds what the first one made.
      const earlier = parsed.data.clientKey
        ? await this.repository.findActionByClientKey(parsed.data.clientKey)
        : null;
      if (earlier) existing.push(this.view(earlier));
      else valid.push({ label, input: parsed.data });
    }
    const problem = await this.findProblem(ref);
    if (valid.length === 0 && mistakes.length === 0) return { problem, planned, existing, mistakes };
    if (!isCoordinatorOf(actor, problem.area.id)) {
      throw new AccessDenied(`Only ${problem.area.name}'s coordinator can task actions.`);
    }
    if (problem.status === "CLOSED") throw new InvalidInput([`${problem.ref} is closed; reopen it first`]);
    for (const { label, input } of valid) {
      try {
        planned.push(await this.plan(problem, input));
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        mistakes.push(...named(label, error.problems));
      }
    }
    return { problem, planned, existing, mistakes };
  }

  /** Reads the due date, organisation and assignee of one action; writes nothing. */
  private async plan(problem: Problem, valid: z.output<typeof taskSchema>): Promise<PlannedAction> {
    const due = parseDueDate(valid.due, this.now(), this.timeZone);
    if (!due.ok) throw new InvalidInput([`due: ${due.message}`]);
    const organisation = await this.repository.findOrganisation(valid.organisation);
    if (!organisation)
      throw new InvalidInput([`organisation: "${valid.organisation}" is not in the register`]);
    const assignee = valid.assigneeEmail
      ? await this.namedAssignee(valid.assigneeEmail, organisation.id)
      : await this.defaultAssignee(problem.area.id, organisation.id);
    return {
      text: valid.text,
      organisationId: organisation.id,
      assignee,
      dueOn: due.date,
      clientKey: valid.clientKey,
    };
  }

  private async create(
    repository: WorkflowRepository,
    actor: Actor,
    problem: Problem,
    planned: PlannedAction,
  ): Promise<ActionView> {
    const { assignee } = planned;
    await this.ensurePartner(repository, problem, planned.organisationId, assignee?.id ?? null);
    const action = await repository.createAction({
      problemId: problem.id,
      text: planned.text,
      organisationId: planned.organisationId,
      assigneeId: assignee?.id ?? null,
      dueOn: planned.dueOn,
      createdById: actor.contactId ?? "operator",
      clientKey: planned.clientKey ?? null,
    });
    await this.audit(repository, actor, "action.tasked", action, null);
    // Tasking puts a problem that was still being scoped to work.
    if (
      ["RAISED", "TRIAGED", "CONVENED"].includes(problem.status) &&
      canMoveProblem(problem.status, "ACTIVE")
    ) {
      const active = await repository.updateProblem(problem.id, {
        status: "ACTIVE",
        saraStage: "RESPONSE",
      });
      await repository.recordAudit({
        actorId: actor.contactId,
        actorLabel: actor.label,
        verb: "problem.active",
        entityType: "Problem",
        entityId: problem.id,
        before: { status: problem.status, saraStage: problem.saraStage },
        after: { status: active.status, saraStage: active.saraStage },
      });
    }
    if (assignee) await repository.enqueue(await this.assignedMessages(problem, action, assignee));
    return this.view(action);
  }

  async accept(actor: Actor, actionId: string): Promise<ActionView> {
    const { action } = await this.findForOwner(actor, actionId);
    this.assertMove(action, "ACCEPTED");
    return this.change(actor, action, "action.accepted", { status: "ACCEPTED", acceptedAt: this.now() });
  }

  /** Declining needs a reason; the action goes back to the coordinator to find a new owner. */
  async decline(actor: Actor, actionId: string, reason: string): Promise<ActionView> {
    const { action, problem } = await this.findForOwner(actor, actionId);
    const why = parseInput(z.object({ reason: textSchema("a reason for declining", 5) }), { reason }).reason;
    this.assertMove(action, "DECLINED");
    return this.change(
      actor,
      action,
      "action.declined",
      { status: "DECLINED", declineReason: why },
      async (repository, updated) => {
        const coordinators = await repository.contactsWithRole(problem.area.id, "COORDINATOR");
        await repository.enqueue(
          coordinators.map((coordinator) => ({
            key: `action.declined:${action.id}:${coordinator.id}:${action.assigneeId ?? "none"}`,
            recipientId: coordinator.id,
            kind: "action.declined" as const,
            payload: {
              ...problemHeadline(problem),
              actionId: action.id,
              actionText: action.text,
              organisationName: updated.organisationName,
              reason: why,
            },
          })),
        );
      },
    );
  }

  async addUpdate(actor: Actor, actionId: string, text: string): Promise<ActionView> {
    const { action } = await this.findForOwner(actor, actionId);
    const note = parseInput(z.object({ text: textSchema("a few words of update") }), { text }).text;
    if (action.status === "DONE" || action.status === "CANCELLED") {
      throw new InvalidInput([`This action is ${action.status.toLowerCase()}; it takes no more updates`]);
    }
    return this.repository.transaction(async (repository) => {
      await repository.addActionUpdate(action.id, actor.contactId ?? "operator", note);
      const updated = (await repository.findAction(action.id)) as Action;
      await this.audit(repository, actor, "action.updated", updated, action);
      return this.view(updated);
    });
  }

  async done(actor: Actor, actionId: string, outcome: string): Promise<ActionView> {
    const { action, problem } = await this.findForOwner(actor, actionId);
    const result = parseInput(z.object({ outcome: textSchema("a few words on what was done") }), {
      outcome,
    }).outcome;
    this.assertMove(action, "DONE");
    return this.change(
      actor,
      action,
      "action.done",
      { status: "DONE", outcome: result, doneAt: this.now() },
      async (repository) => {
        const coordinators = await repository.contactsWithRole(problem.area.id, "COORDINATOR");
        const recipients = new Set([
          problem.raisedById,
          ...coordinators.map((coordinator) => coordinator.id),
        ]);
        await repository.enqueue(
          [...recipients].map((recipientId) => ({
            key: `action.done:${action.id}:${recipientId}`,
            recipientId,
            kind: "action.done" as const,
            payload: {
              ...problemHeadline(problem),
              actionId: action.id,
              actionText: action.text,
              outcome: result,
            },
          })),
        );
      },
    );
  }

  /** Gives the action to another organisation or person (coordinators); it is proposed to them afresh. */
  async reassign(
    actor: Actor,
    actionId: string,
    input: { organisation?: string; assigneeEmail?: string; due?: string },
  ): Promise<ActionView> {
    const { action, problem } = await this.findAny(actionId);
    if (!isCoordinatorOf(actor, problem.area.id))
      throw new AccessDenied("Only the area's coordinator can reassign actions.");
    // A proposed action may be given to someone else before anyone accepts it.
    if (action.status !== "PROPOSED") this.assertMove(action, "PROPOSED");
    const organisation = input.organisation
      ? await this.repository.findOrganisation(input.organisation)
      : { id: action.organisationId, name: action.organisationName };
    if (!organisation)
      throw new InvalidInput([`organisation: "${input.organisation}" is not in the register`]);
    const assignee = input.assigneeEmail
      ? await this.namedAssignee(input.assigneeEmail, organisation.id)
      : await this.defaultAssignee(problem.area.id, organisation.id);
    const changes: ActionChanges = {
      status: "PROPOSED",
      organisationId: organisation.id,
      assigneeId: assignee?.id ?? null,
      declineReason: null,
      acceptedAt: null,
    };
    if (input.due) {
      const due = parseDueDate(input.due, this.now(), this.timeZone);
      if (!due.ok) throw new InvalidInput([`due: ${due.message}`]);
      changes.dueOn = due.date;
    }
    return this.change(actor, action, "action.reassigned", changes, async (repository, updated) => {
      await this.ensurePartner(repository, problem, organisation.id, assignee?.id ?? null);
      if (assignee) await repository.enqueue(await this.assignedMessages(problem, updated, assignee));
    });
  }

  async cancel(actor: Actor, actionId: string, reason: string): Promise<ActionView> {
    const { action, problem } = await this.findAny(actionId);
    if (!isCoordinatorOf(actor, problem.area.id))
      throw new AccessDenied("Only the area's coordinator can cancel actions.");
    const why = parseInput(z.object({ reason: textSchema("a reason for cancelling", 5) }), { reason }).reason;
    this.assertMove(action, "CANCELLED");
    return this.change(actor, action, "action.cancelled", { status: "CANCELLED", outcome: why });
  }

  /** One action and its problem, for someone who may see the problem. */
  async get(actor: Actor, actionId: string): Promise<{ action: ActionView; problem: Problem }> {
    const { action, problem } = await this.findAny(actionId);
    assertCanSee(actor, problem);
    return { action: this.view(action), problem };
  }

  /** A problem's actions, for someone who may see the problem. */
  async forProblem(actor: Actor, ref: string): Promise<ActionView[]> {
    const problem = await this.findProblem(ref);
    assertCanSee(actor, problem);
    return (await this.repository.actionsOf([problem.id])).map((action) => this.view(action));
  }

  /** My open actions, soonest due first, each with its RAG. */
  async mine(actor: Actor): Promise<ActionView[]> {
    if (!actor.contactId) return [];
    return (await this.repository.openActionsFor(actor.contactId)).map((action) => this.view(action));
  }

  private assignedMessage(problem: Problem, action: Action, recipientId: string) {
    return {
      // The assignee and status are in the key: reassigning back to someone sends them a new message.
      key: `action.assigned:${action.id}:${recipientId}:${action.updates.length}:${action.dueOn}`,
      recipientId,
      kind: "action.assigned" as const,
      payload: {
        ...problemHeadline(problem),
        actionId: action.id,
        actionText: action.text,
        organisationName: action.organisationName,
        dueOn: action.dueOn,
      },
    };
  }

  private async change(
    actor: Actor,
    action: Action,
    verb: string,
    changes: ActionChanges,
    alsoDo?: (repository: WorkflowRepository, updated: Action) => Promise<void>,
  ): Promise<ActionView> {
    return this.repository.transaction(async (repository) => {
      const updated = await repository.updateActionFrom(action.id, action.status, changes);
      if (!updated) throw await this.movedMeanwhile(repository, action, changes);
      await this.audit(repository, actor, verb, updated, action);
      await alsoDo?.(repository, updated);
      return this.view(updated);
    });
  }

  /** An organisation tasked with an action becomes a partner on the problem, if it was not one. */
  private async ensurePartner(
    repository: WorkflowRepository,
    problem: Problem,
    organisationId: string,
    contactId: string | null,
  ): Promise<void> {
    if (problem.partners.some((partner) => partner.organisationId === organisationId)) return;
    await repository.setPartner(problem.id, {
      organisationId,
      contactId,
      isLead: false,
      reason: "tasked with an action",
    });
  }

  /** Someone else changed the action between reading and writing it: say what it is now. */
  private async movedMeanwhile(
    repository: WorkflowRepository,
    read: Action,
    changes: ActionChanges,
  ): Promise<InvalidInput> {
    const current = (await repository.findAction(read.id)) as Action;
    try {
      if (changes.status) this.assertMove(current, changes.status);
    } catch (error) {
      if (error instanceof InvalidInput) return error;
      throw error;
    }
    return new InvalidInput([
      `This action was just changed by someone else (it is now ${current.status.toLowerCase()}); look again and retry`,
    ]);
  }

  private assertMove(action: Action, to: ActionStatus): void {
    if (action.status === to) throw new InvalidInput([`This action is already ${to.toLowerCase()}`]);
    if (!canMoveAction(action.status, to)) {
      throw new InvalidInput([
        `This action is ${action.status.toLowerCase()}, so it cannot be ${to.toLowerCase()} now`,
      ]);
    }
  }

  private async findAny(actionId: string): Promise<{ action: Action; problem: Problem }> {
    const action = await this.repository.findAction(actionId);
    if (!action) throw new NotFound("That action no longer exists.");
    const problem = (await this.repository.findProblemById(action.problemId)) as Problem;
    return { action, problem };
  }

  /** The assignee, their organisation's SPOCs and deputies in the area, and the coordinator may act. */
  private async findForOwner(actor: Actor, actionId: string): Promise<{ action: Action; problem: Problem }> {
    const found = await this.findAny(actionId);
    const { action, problem } = found;
    const isAssignee = actor.contactId !== null && actor.contactId === action.assigneeId;
    const speaksForOrganisation =
      actor.organisationId === action.organisationId &&
      actor.memberships.some(
        (membership) =>
          membership.areaId === problem.area.id &&
          (membership.role === "SPOC" || membership.role === "DEPUTY"),
      );
    if (!isAssignee && !speaksForOrganisation && !isCoordinatorOf(actor, problem.area.id)) {
      throw new AccessDenied(
        `This action belongs to ${action.organisationName}; only its SPOC or deputy can act on it.`,
      );
    }
    return found;
  }

  private async findProblem(ref: string): Promise<Problem> {
    const problem = await this.repository.findProblemByRef(ref);
    if (!problem) throw new NotFound(`There is no problem ${ref.trim().toUpperCase()}.`);
    return problem;
  }

  /** The organisation's SPOC in the area (else its deputy); while the SPOC is away, their deputy if free. */
  private async defaultAssignee(areaId: string, organisationId: string) {
    const spocs = await this.repository.contactsWithRole(areaId, "SPOC", organisationId);
    const owner =
      spocs[0] ?? (await this.repository.contactsWithRole(areaId, "DEPUTY", organisationId))[0] ?? null;
    const today = calendarDayInZone(this.now(), this.timeZone);
    if (!owner?.deputy || !isAwayOn(owner, today)) return owner;
    const deputy = await this.repository.findContact(owner.deputy.id);
    return deputy && deputy.retiredAt === null && !isAwayOn(deputy, today) ? deputy : owner;
  }

  /** The assignee, and while they are away with nobody covering, the area's coordinators too. */
  private async assignedMessages(problem: Problem, action: Action, assignee: Contact) {
    const today = calendarDayInZone(this.now(), this.timeZone);
    const coordinators = isAwayOn(assignee, today)
      ? await this.repository.contactsWithRole(problem.area.id, "COORDINATOR")
      : [];
    const recipients = new Set([assignee.id, ...coordinators.map((coordinator) => coordinator.id)]);
    return [...recipients].map((recipientId) => this.assignedMessage(problem, action, recipientId));
  }

  /** A named assignee must be an active entry of the owning organisation. */
  private async namedAssignee(email: string, organisationId: string) {
    const contact = await this.repository.findContactByEmail(email);
    if (!contact || contact.retiredAt) throw new InvalidInput([`assignee: ${email} is not in the register`]);
    if (contact.organisation.id !== organisationId) {
      throw new InvalidInput([
        `assignee: ${contact.name} works for ${contact.organisation.name}, not the organisation tasked`,
      ]);
    }
    return contact;
  }

  private async audit(
    repository: WorkflowRepository,
    actor: Actor,
    verb: string,
    after: Action,
    before: Action | null,
  ) {
    await repository.recordAudit({
      actorId: actor.contactId,
      actorLabel: actor.label,
      verb,
      entityType: "Action",
      entityId: after.id,
      before: before ? auditSnapshot(before) : null,
      after: auditSnapshot(after),
    });
    if (!isActionNews(verb)) return;
    const problem = await repository.findProblemById(after.problemId);
    const post = problem ? actionNews(verb, after, problem, this.now()) : null;
    if (post) await repository.postToThread(post);
  }
}

/**
 * Updates' texts stay out of the audit log, which is append-only: they may name people, and the
 * retention job removes them from the action after the problem has been closed long enough.
 */
function auditSnapshot(action: Action) {
  const { updates, ...rest } = action;
  return { ...rest, updates: updates.length };
}
