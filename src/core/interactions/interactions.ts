// What people do in chat beyond typing a command: open a form, press a button, submit a form.
// Slack and Teams both call these, so a form or a button exists on both or on neither. Every
// answer is a Reply; a person's mistake is a friendly message, never an exception.
import { createHash } from "node:crypto";
import type { ChatForm, FormId, FormValues } from "../../chat/form.js";
import { type Intent, textMessage } from "../../chat/message.js";
import type { ChatPlace } from "../../chat/place.js";
import type { Reply } from "../../chat/reply.js";
import type { Actions } from "../actions/actions.js";
import { type Actor, actorName } from "../actor.js";
import { assertMayAnswer } from "../board/board-answers.js";
import { type CommandContext, parseCommand, runCommand } from "../commands/dispatch.js";
import { InvalidInput, UserFacingError } from "../errors.js";
import { conveneSchema } from "../meetings/meetings.js";
import { isBeingArranged, type Meeting } from "../meetings/model.js";
import { type NoteAction, readNoteActions } from "../meetings/note-actions.js";
import { assertCoordinator } from "../problems/access.js";
import type { Problem } from "../problems/model.js";
import type { Problems } from "../problems/problems.js";
import { canMoveProblem } from "../problems/status.js";
import type { RegisterChecks } from "../register/checks.js";
import { parseInput } from "../validation.js";
import { actionCard, detailsMessage, problemCard } from "./cards.js";
import {
  answerForm,
  attendanceForm,
  closeForm,
  conveneForm,
  declineForm,
  doneForm,
  escalateForm,
  notesForm,
  raiseForm,
  taskForm,
  updateForm,
} from "./forms.js";
import { meetingCard, meetingTime, pollCard, pollViewFor, tallyCard } from "./meeting-cards.js";

export interface InteractionServices extends Omit<CommandContext, "actor" | "where"> {
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
  attendance: "attendance",
  notes: "notes",
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

  /** A typed command: `raise`, `convene`, `task`, `close`, `escalate`, `attendance` and `notes` open forms; the rest answer. */
  async command(
    actor: Actor,
    typed: string,
    prefill: { description?: string } = {},
    where?: ChatPlace,
  ): Promise<Reply> {
    const { name, argument } = parseCommand(typed);
    const formId = FORM_COMMANDS[name];
    if (!formId) {
      const context = { ...this.services, actor, ...(where ? { where } : {}) };
      return { kind: "message", message: await runCommand(context, typed) };
    }
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
      case "meeting.can":
      case "meeting.cannot":
        return this.answerSlot(actor, target, intent === "meeting.can");
      case "meeting.pick": {
        const meeting = await this.services.meetings.pickSlot(actor, target);
        const notice =
          `The time is set to ${meetingTime(meeting.startsAt, this.services.timeZone)}. ` +
          `The invitation, with its calendar file, is going to ${plural(meeting.invitees.length, "person", "people")}.`;
        return { kind: "update", message: await this.meetingCardOf(actor, meeting, notice) };
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

  /** The poll as this invitee has answered it; once a time is picked, only what the time is. */
  private async answerSlot(actor: Actor, slotId: string, canAttend: boolean): Promise<Reply> {
    try {
      const meeting = await this.services.meetings.answerSlot(actor, slotId, canAttend);
      const slot = meeting.slots.find((candidate) => candidate.id === slotId);
      const when = slot ? meetingTime(slot.startsAt, this.services.timeZone) : "that time";
      const notice = `Noted: you ${canAttend ? "can" : "can't"} make ${when}.`;
      return {
        kind: "update",
        message: pollCard(pollViewFor(meeting, actor.contactId), notice, this.services.timeZone),
      };
    } catch (error) {
      // The poll's card must not go on looking open: it becomes the answer.
      if (!(error instanceof InvalidInput)) throw error;
      return { kind: "update", message: textMessage(error.message) };
    }
  }

  private async meetingCardOf(actor: Actor, meeting: Meeting, notice?: string) {
    const attendance = await this.services.meetings.attendanceByOrganisation(actor, meeting.id);
    return meetingCard(meeting, attendance, notice, this.services.timeZone);
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
      case "attendance":
        return attendanceForm(await this.services.meetings.forAttendance(actor, ref), ref);
      case "notes":
        return notesForm(await this.services.meetings.latestOf(actor, ref), ref);
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
      case "attendance": {
        const meetingId = context.meetingId ?? "";
        const meeting = await this.services.meetings.recordAttendance(
          actor,
          meetingId,
          list(values.attended),
        );
        return this.meetingCardOf(actor, meeting, "Attendance recorded.");
      }
      case "notes":
        return this.saveNotes(actor, ref, context.meetingId ?? "", values);
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
      when: text(values.when),
      candidates: text(values.candidates),
      durationMinutes: Number(text(values.durationMinutes) ?? "60"),
      kind: text(values.kind) as "TASKING" | "PROBLEM_SOLVING_PANEL" | "CASE_REVIEW" | undefined,
      place: text(values.place),
      link: text(values.link),
      clientKey,
    };
    // Everything about the meeting is checked before any partner is added.
    this.services.meetings.checkTimes(parseInput(conveneSchema, input));

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
    const invited = plural(result.meeting.invitees.length, "person", "people");
    const arranging = isBeingArranged(result.meeting);
    const notes = [
      arranging
        ? `Meeting being arranged: ${invited} asked which of the ${result.meeting.slots.length} times they can make. ` +
          `Pick the time with its button above, now or when the answers are in, or later with "meeting ${ref}".`
        : `Meeting convened for ${meetingTime(result.meeting.startsAt, this.services.timeZone)}: ` +
          `${plural(result.meeting.invitees.length, "invitation")} sent.`,
      ...result.uninvited.map((gap) => `${gap.organisationName} was not invited: ${gap.why}.`),
      ...result.conversationErrors.map(
        (failure) => `The problem's conversation could not be opened: ${failure.message}`,
      ),
    ];
    if (arranging) return tallyCard(result.meeting, notes.join("\n"), this.services.timeZone);
    const convened = await this.problems.show(actor, ref);
    return problemCard(convened, await this.actions.forProblem(actor, ref), notes.join("\n"));
  }

  /**
   * Saves the notes of the problem's meeting, and turns their ACTION lines into actions on the
   * problem chosen, all in one go: a wrong line means no action, and each wrong line is named.
   */
  private async saveNotes(actor: Actor, ref: string, meetingId: string, values: FormValues) {
    const notes = text(values.notes) ?? "";
    const meeting = await this.services.meetings.latestOf(actor, ref);
    if (meeting.id !== meetingId) {
      throw new InvalidInput([
        "A newer meeting was convened on this problem since the form opened; open it again",
      ]);
    }
    this.services.meetings.checkNotes(notes);
    const target = (text(values.problem) ?? ref).trim().toUpperCase();
    if (!meeting.agenda.some((problem) => problem.ref === target)) {
      throw new InvalidInput([`problem: ${target} is not on this meeting's agenda`]);
    }
    const problem = await this.problems.show(actor, target);
    const read = readNoteActions(notes, problem.partners);
    const inputs = read.actions.map((action) => ({
      label: action.label,
      // Keyed by the meeting and the line, so notes saved again make no action twice.
      input: {
        text: action.text,
        organisation: action.organisation,
        due: action.due,
        clientKey: noteActionKey(meeting.id, target, action),
      },
    }));
    // Every wrong line at once, in the notes' order; then all the actions in one transaction.
    const mistakes = [...read.problems, ...(await this.actions.checkSeveral(actor, target, inputs))];
    if (mistakes.length > 0) throw notesMistakes(mistakes.sort((a, b) => lineOf(a) - lineOf(b)));
    const { created, existing } = await this.actions.taskSeveral(actor, target, inputs);
    await this.services.meetings.addNotes(actor, meeting.id, notes);
    const unassigned = [
      ...new Set(created.filter((action) => !action.assigneeId).map((action) => action.organisationName)),
    ];
    const notice = [
      created.length === 0
        ? "Notes saved. No new ACTION lines, so no actions were added."
        : `Notes saved, and ${plural(created.length, "action")} added to ${target}: each organisation's SPOC has been sent theirs.`,
      ...(existing.length > 0 ? [`${plural(existing.length, "ACTION line")} had been added before.`] : []),
      ...(unassigned.length > 0
        ? [
            `Nobody in the register speaks for ${unassigned.join(", ")} in this area: assign theirs from the problem.`,
          ]
        : []),
    ];
    return this.cardOf(await this.problems.show(actor, target), notice.join("\n"), actor);
  }
}

/** The same ACTION line of the same meeting's notes always has the same key. */
function noteActionKey(meetingId: string, ref: string, action: NoteAction): string {
  const line = createHash("sha256")
    .update([action.organisation, action.text, action.due].join("\n"))
    .digest("base64url")
    .slice(0, 22);
  return `notes:${meetingId}:${ref}:${line}`;
}

/** Every wrong line, beside the notes field and in the form's summary. */
function notesMistakes(problems: string[]): InvalidInput {
  return new InvalidInput(problems, { notes: problems.join("; ") });
}

function lineOf(mistake: string): number {
  return Number(/^line (\d+)/.exec(mistake)?.[1] ?? 0);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
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
