// What people do in chat beyond typing a command: open a form, press a button, submit a form.
// Slack and Teams both call these, so a form or a button exists on both or on neither. Every
// answer is a Reply; a person's mistake is a friendly message, never an exception.
import type { ChatForm, FormId, FormValues } from "../../chat/form.js";
import { type Intent, textMessage } from "../../chat/message.js";
import type { Reply } from "../../chat/reply.js";
import type { Actions } from "../actions/actions.js";
import { type Actor, actorName } from "../actor.js";
import { assertMayAnswer } from "../board/board-answers.js";
import { type CommandContext, parseCommand, runCommand } from "../commands/dispatch.js";
import { InvalidInput, UserFacingError } from "../errors.js";
import { parseMeetingTime } from "../meetings/meeting-time.js";
import { conveneSchema, type Meetings } from "../meetings/meetings.js";
import { assertCoordinator } from "../problems/access.js";
import type { Problem } from "../problems/model.js";
import type { Problems } from "../problems/problems.js";
import { canMoveProblem } from "../problems/status.js";
import type { RegisterChecks } from "../register/checks.js";
import { parseInput } from "../validation.js";
import { actionCard, detailsMessage, problemCard } from "./cards.js";
import {
  answerForm,
  closeForm,
  conveneForm,
  declineForm,
  doneForm,
  escalateForm,
  raiseForm,
  taskForm,
  updateForm,
} from "./forms.js";

export interface InteractionServices extends Omit<CommandContext, "actor"> {
  meetings: Meetings;
  registerChecks: RegisterChecks;
  timeZone: string;
}

/** Commands that open a form rather than answer straight away. */
const FORM_COMMANDS: Record<string, FormId> = {
  raise: "raise",
  convene: "convene",
  task: "task",
  close: "close",
  escalate: "escalate",
};

const text = (value: FormValues[string]): string | undefined =>
  typeof value === "string" ? value : undefined;
const list = (value: FormValues[string]): string[] =>
  Array.isArray(value) ? value : typeof value === "string" && value !== "" ? value.split(",") : [];
const toggle = (value: FormValues[string]): boolean => value === true || value === "true";

export class Interactions {
  constructor(private readonly services: InteractionServices) {}

  private get problems(): Problems {
    return this.services.problems;
  }

  private get actions(): Actions {
    return this.services.actions;
  }

  /** A typed command: `raise`, `convene`, `task`, `close` and `escalate` open forms; the rest answer. */
  async command(actor: Actor, typed: string, prefill: { description?: string } = {}): Promise<Reply> {
    const { name, argument } = parseCommand(typed);
    const formId = FORM_COMMANDS[name];
    if (!formId) return { kind: "message", message: await runCommand({ ...this.services, actor }, typed) };
    if (formId !== "raise" && !argument) {
      return { kind: "message", message: textMessage(`Which problem? For example "${name} CRA-2026-0042".`) };
    }
    const context: Record<string, string> = formId === "raise" ? {} : { ref: argument.trim().toUpperCase() };
    const prefills = formId === "raise" ? { title: argument || undefined, ...prefill } : {};
    return this.guard(async () => ({
      kind: "form",
      form: await this.formFor(actor, formId, context, prefills),
    }));
  }

  /** The raise form on its own, e.g. from a shortcut, with the description filled in from a message. */
  async raiseForm(actor: Actor, prefill: { title?: string; description?: string } = {}): Promise<Reply> {
    return this.guard(async () => ({ kind: "form", form: await this.formFor(actor, "raise", {}, prefill) }));
  }

  /** A button: acts at once (accept), opens a form (decline, done...), or shows details to the presser. */
  async press(actor: Actor, intent: Intent, target: string): Promise<Reply> {
    const reply = await this.guard(() => this.act(actor, intent, target));
    if (reply.kind === "message") return { kind: "private", message: reply.message };
    return reply;
  }

  /** A form's values. Wrong values come back as `invalid`, beside their fields; nothing is written. */
  async submit(
    actor: Actor,
    formId: FormId,
    context: Record<string, string>,
    values: FormValues,
  ): Promise<Reply> {
    try {
      return { kind: "update", message: await this.apply(actor, formId, context, values) };
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      const fields = error instanceof InvalidInput ? error.fields : {};
      let form: ChatForm;
      try {
        form = await this.formFor(actor, formId, context, {});
      } catch (rebuild) {
        if (rebuild instanceof UserFacingError)
          return { kind: "private", message: textMessage(rebuild.message) };
        throw rebuild;
      }
      form.context = { ...form.context, ...context };
      const known = new Set(form.fields.map((field) => field.name));
      const errors = Object.fromEntries(Object.entries(fields).filter(([name]) => known.has(name)));
      return { kind: "invalid", form, values, errors, summary: error.message };
    }
  }

  private async guard(work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UserFacingError) return { kind: "message", message: textMessage(error.message) };
      throw error;
    }
  }

  private async act(actor: Actor, intent: Intent, target: string): Promise<Reply> {
    switch (intent) {
      case "action.accept":
        return this.accept(actor, target);
      case "action.decline":
      case "action.update":
      case "action.done": {
        const formId = intent.slice("action.".length) as FormId;
        return { kind: "form", form: await this.formFor(actor, formId, { actionId: target }, {}) };
      }
      case "problem.details": {
        const { problem, details } = await this.problems.details(actor, target);
        return { kind: "private", message: detailsMessage(problem, details) };
      }
      case "problem.task":
      case "problem.convene":
      case "problem.escalate":
      case "problem.close": {
        const formId = intent.slice("problem.".length) as FormId;
        return { kind: "form", form: await this.formFor(actor, formId, { ref: target }, {}) };
      }
      case "escalation.accept":
      case "escalation.more":
      case "escalation.decline": {
        const form = await this.formFor(actor, "answer", { ref: target }, {});
        return { kind: "form", form: withInitial(form, "decision", BUTTON_DECISIONS[intent]) };
      }
      case "register.confirm":
        return { kind: "update", message: await this.services.registerChecks.confirm(actor, target) };
      case "register.update":
        return { kind: "form", form: await this.formFor(actor, "details", { checkId: target }, {}) };
      case "register.handover":
        return { kind: "form", form: await this.formFor(actor, "handover", { checkId: target }, {}) };
      case "register.accept":
        return { kind: "update", message: await this.services.registerChecks.acceptHandover(actor, target) };
      case "register.refuse":
        return { kind: "update", message: await this.services.registerChecks.refuseHandover(actor, target) };
    }
  }

  /** Accepting twice, or after someone else declined, shows the card as it is now, and why. */
  private async accept(actor: Actor, actionId: string): Promise<Reply> {
    try {
      const accepted = await this.actions.accept(actor, actionId);
      const { problem } = await this.actions.get(actor, actionId);
      return { kind: "update", message: actionCard(problem, accepted, `Accepted by ${actorName(actor)}.`) };
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const { action, problem } = await this.actions.get(actor, actionId);
      return { kind: "update", message: actionCard(problem, action, error.message) };
    }
  }

  private async formFor(
    actor: Actor,
    formId: FormId,
    context: Record<string, string>,
    prefill: { title?: string; description?: string },
  ): Promise<ChatForm> {
    const ref = context.ref ?? "";
    const actionId = context.actionId ?? "";
    switch (formId) {
      case "raise":
        return raiseForm(await this.raisableAreas(actor), prefill);
      case "convene": {
        const problem = await this.problems.show(actor, ref);
        assertCoordinator(actor, problem, "convene a meeting");
        return conveneForm(problem, await this.problems.suggestPartners(actor, ref));
      }
      case "task": {
        const problem = await this.problems.show(actor, ref);
        assertCoordinator(actor, problem, "add actions");
        if (problem.partners.length === 0) {
          throw new InvalidInput([
            `${problem.ref} has no partners yet: convene it first, then task its partners.`,
          ]);
        }
        return taskForm(problem);
      }
      case "close": {
        const problem = await this.problems.show(actor, ref);
        assertCoordinator(actor, problem, "close a problem");
        return closeForm(problem);
      }
      case "escalate": {
        const problem = await this.problems.show(actor, ref);
        assertCoordinator(actor, problem, "escalate a problem");
        if (!canMoveProblem(problem.status, "ESCALATED")) {
          throw new InvalidInput([
            `${problem.ref} is ${problem.status.toLowerCase()}, so it cannot go to the board yet: ` +
              "triage or convene it first, then escalate it if the partners cannot resolve it.",
          ]);
        }
        return escalateForm(problem);
      }
      case "decline":
        return declineForm((await this.actions.get(actor, actionId)).action);
      case "update":
        return updateForm((await this.actions.get(actor, actionId)).action);
      case "done":
        return doneForm((await this.actions.get(actor, actionId)).action);
      case "answer": {
        const problem = await this.problems.show(actor, ref);
        assertMayAnswer(actor, problem);
        return answerForm(problem);
      }
      case "details":
        return this.services.registerChecks.detailsForm(actor, context.checkId ?? "");
      case "handover":
        return this.services.registerChecks.handoverForm(actor, context.checkId ?? "");
    }
  }

  /** Officers and coordinators raise problems in their own areas; an admin in any. */
  private async raisableAreas(actor: Actor) {
    const areas = await this.services.register.listAreas();
    const mine = new Set(
      actor.memberships
        .filter((membership) => membership.role === "OFFICER" || membership.role === "COORDINATOR")
        .map((membership) => membership.areaId),
    );
    const raisable = actor.isAdmin ? areas : areas.filter((area) => mine.has(area.id));
    if (raisable.length === 0) {
      throw new UserFacingError(
        "Problems are raised by officers and coordinators, and the register does not list you as either. " +
          "Tell your LDG coordinator about the problem, or ask them to add you as an officer.",
      );
    }
    return raisable;
  }

  private async apply(actor: Actor, formId: FormId, context: Record<string, string>, values: FormValues) {
    const clientKey = context.formKey;
    const ref = context.ref ?? "";
    const actionId = context.actionId ?? "";
    switch (formId) {
      case "raise": {
        const { problem } = await this.problems.raise(actor, {
          title: text(values.title) ?? "",
          area: text(values.area) ?? "",
          category: text(values.category) ?? "",
          harm: text(values.harm) ?? "",
          likelihood: text(values.likelihood) ?? "",
          vulnerablePerson: toggle(values.vulnerablePerson),
          description: text(values.description),
          locationText: text(values.locationText),
          locationReference: text(values.locationReference),
          classification: (text(values.classification) ?? "OFFICIAL_SENSITIVE") as
            | "OFFICIAL"
            | "OFFICIAL_SENSITIVE",
          clientKey,
        });
        return problemCard(problem, [], `Raised ${problem.ref}. Its coordinator has been told.`);
      }
      case "convene":
        return this.convene(actor, ref, values, clientKey);
      case "task": {
        const action = await this.actions.task(actor, ref, {
          text: text(values.text) ?? "",
          organisation: text(values.organisation) ?? "",
          assigneeEmail: text(values.assigneeEmail),
          due: text(values.due) ?? "",
          clientKey,
        });
        const { problem } = await this.actions.get(actor, action.id);
        return actionCard(
          problem,
          action,
          `Added. ${action.assigneeName ?? action.organisationName} has been sent it.`,
        );
      }
      case "decline": {
        const action = await this.actions.decline(actor, actionId, text(values.reason) ?? "");
        const { problem } = await this.actions.get(actor, actionId);
        return actionCard(
          problem,
          action,
          "Declined. The coordinator has been told and will find a new owner.",
        );
      }
      case "update": {
        const action = await this.actions.addUpdate(actor, actionId, text(values.text) ?? "");
        const { problem } = await this.actions.get(actor, actionId);
        return actionCard(problem, action, "Update added.");
      }
      case "done": {
        const action = await this.actions.done(actor, actionId, text(values.outcome) ?? "");
        const { problem } = await this.actions.get(actor, actionId);
        return actionCard(problem, action, "Marked done. Thank you.");
      }
      case "close": {
        const problem = await this.problems.close(actor, ref, {
          outcome: text(values.outcome) ?? "",
          assessment: text(values.assessment) ?? "",
        });
        return this.cardOf(problem, `${problem.ref} is closed.`, actor);
      }
      case "escalate": {
        const problem = await this.problems.escalate(actor, ref, text(values.reason) ?? "");
        return this.cardOf(problem, `${problem.ref} has gone to the Strategic Board.`, actor);
      }
      case "answer": {
        const { problem } = await this.services.board.answer(actor, ref, {
          decision: text(values.decision) as "ACCEPTED" | "MORE_INFORMATION" | "DECLINED",
          reason: text(values.reason) ?? "",
          clientKey,
        });
        return this.cardOf(
          problem,
          "Your answer has gone to the LDG's coordinator and the problem's partners.",
          actor,
        );
      }
      case "details":
        return this.services.registerChecks.updateDetails(actor, context.checkId ?? "", values);
      case "handover":
        return this.services.registerChecks.handOver(actor, context.checkId ?? "", values);
    }
  }

  /** The problem's card as it is now, with its actions and its exchange with the board. */
  private async cardOf(problem: Problem, notice: string, actor: Actor) {
    return problemCard(
      problem,
      await this.actions.forProblem(actor, problem.ref),
      notice,
      await this.services.board.exchange(problem),
    );
  }

  /**
   * Adds the partners ticked on the form, then convenes. Everything the meeting needs is checked
   * first, so a wrong time or link leaves the problem's partners as they were.
   */
  private async convene(actor: Actor, ref: string, values: FormValues, clientKey: string | undefined) {
    const input = {
      problemRefs: [ref],
      when: text(values.when) ?? "",
      durationMinutes: Number(text(values.durationMinutes) ?? "60"),
      kind: text(values.kind) as "TASKING" | "PROBLEM_SOLVING_PANEL" | "CASE_REVIEW" | undefined,
      place: text(values.place),
      link: text(values.link),
      clientKey,
    };
    const valid = parseInput(conveneSchema, input);
    const start = parseMeetingTime(valid.when, this.services.now(), this.services.timeZone);
    if (!start.ok) throw new InvalidInput([`when: ${start.message}`]);

    const problem = await this.problems.show(actor, ref);
    const suggestions = await this.problems.suggestPartners(actor, ref);
    for (const organisationName of list(values.partners)) {
      if (problem.partners.some((partner) => partner.organisationName === organisationName)) continue;
      const suggestion = suggestions.find((candidate) => candidate.organisationName === organisationName);
      await this.problems.addPartner(actor, ref, organisationName, {
        reason: suggestion?.reason,
        contactId: suggestion?.contactId,
      });
    }
    const result = await this.services.meetings.convene(actor, input);
    const invited = result.meeting.invitees.length;
    const notes = [
      `Meeting convened for ${result.meeting.startsAt.toLocaleString("en-GB", {
        timeZone: this.services.timeZone,
        dateStyle: "full",
        timeStyle: "short",
      })}: ${invited} invitation${invited === 1 ? "" : "s"} sent.`,
      ...result.uninvited.map((gap) => `${gap.organisationName} was not invited: ${gap.why}.`),
      ...result.conversationErrors.map(
        (failure) => `The problem's conversation could not be opened: ${failure.message}`,
      ),
    ];
    const convened = await this.problems.show(actor, ref);
    return problemCard(convened, await this.actions.forProblem(actor, ref), notes.join("\n"));
  }
}

const BUTTON_DECISIONS = {
  "escalation.accept": "ACCEPTED",
  "escalation.more": "MORE_INFORMATION",
  "escalation.decline": "DECLINED",
} as const;

/** The form with one field's starting value set, e.g. the board's decision from the button pressed. */
function withInitial(form: ChatForm, name: string, initial: string): ChatForm {
  return {
    ...form,
    fields: form.fields.map((field) =>
      field.name === name && field.kind === "choice" ? { ...field, initial } : field,
    ),
  };
}
