// The forms behind raise, convene, add an action, decline, update, done, close, escalate and the
// register check (update details, hand over). Field names are the use cases' input names, so a use
// case's complaint about a field lands beside it.
import { randomUUID } from "node:crypto";
import type { ChatForm, FormField, FormOption } from "../../chat/form.js";
import type { Meeting } from "../meetings/model.js";
import { ACTION_LINE_SYNTAX } from "../meetings/note-actions.js";
import type { Action } from "../problems/model.js";
import { HARM_LABELS, LIKELIHOOD_LABELS } from "../problems/priority.js";
import { CATEGORY_LABELS, CLASSIFICATION_LABELS } from "../problems/problem-input.js";
import type { PartnerSuggestion } from "../problems/problems.js";
import { areaList } from "../register/check-messages.js";
import { ukDay } from "../time/due-date.js";
import { meetingTime } from "./meeting-cards.js";

type Headline = { ref: string; title: string };

function form(
  id: ChatForm["id"],
  parts: Omit<ChatForm, "id" | "context">,
  about: Record<string, string> = {},
) {
  return { id, ...parts, context: { ...about, formKey: randomUUID() } } satisfies ChatForm;
}

const options = (labels: Record<string, string>): FormOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const scoreOptions = (labels: Record<number, string>): FormOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label: `${value}: ${label}` }));

const reasonField = (name: string, label: string, hint?: string): FormField => ({
  name,
  label,
  kind: "multiline",
  required: true,
  maxLength: 2000,
  ...(hint ? { hint } : {}),
});

export function raiseForm(
  areas: { code: string; name: string }[],
  prefill: { title?: string; description?: string } = {},
): ChatForm {
  return form("raise", {
    title: "Raise a community problem",
    submitLabel: "Raise",
    intro:
      "Only the title, area, category, harm and likelihood are needed. Names and addresses stay private: " +
      "they are shown only to the people working on the problem, when they ask.",
    fields: [
      { name: "title", label: "Title", kind: "text", required: true, maxLength: 120, initial: prefill.title },
      {
        name: "area",
        label: "Area",
        kind: "choice",
        required: true,
        options: areas.map((area) => ({ value: area.code, label: area.name })),
        initial: areas[0]?.code,
      },
      {
        name: "category",
        label: "Category",
        kind: "choice",
        required: true,
        options: options(CATEGORY_LABELS),
      },
      { name: "harm", label: "Harm", kind: "choice", required: true, options: scoreOptions(HARM_LABELS) },
      {
        name: "likelihood",
        label: "Likelihood",
        kind: "choice",
        required: true,
        options: scoreOptions(LIKELIHOOD_LABELS),
      },
      { name: "vulnerablePerson", label: "A vulnerable person is involved", kind: "toggle", required: false },
      {
        name: "description",
        label: "What is happening",
        kind: "multiline",
        required: false,
        maxLength: 4000,
        initial: prefill.description,
      },
      { name: "locationText", label: "Where", kind: "text", required: false, maxLength: 300 },
      {
        name: "locationReference",
        label: "Postcode or grid reference",
        kind: "text",
        required: false,
        maxLength: 20,
        placeholder: "BD23 1AA or SD 99 51",
      },
      {
        name: "classification",
        label: "Classification",
        kind: "choice",
        required: true,
        options: options(CLASSIFICATION_LABELS),
        initial: "OFFICIAL_SENSITIVE",
      },
    ],
  });
}

export function conveneForm(problem: Headline, suggestions: PartnerSuggestion[]): ChatForm {
  return form(
    "convene",
    {
      title: `Convene ${problem.ref}`,
      submitLabel: "Send invitations",
      intro: `${problem.ref}: ${problem.title}. The partners below come from the register; untick any who should not come.`,
      fields: [
        {
          name: "partners",
          label: "Partners to invite",
          kind: "choices",
          required: false,
          options: suggestions.map((suggestion) => ({
            value: suggestion.organisationName,
            label: `${suggestion.organisationName}: ${suggestion.reason}`,
          })),
          initial: suggestions.map((suggestion) => suggestion.organisationName),
        },
        {
          name: "when",
          label: "When",
          kind: "text",
          required: false,
          maxLength: 100,
          placeholder: "next Tuesday 10:00",
          hint: "A day and a time, as you would say it: 3/12 14:30, or next Tuesday 10am.",
        },
        {
          name: "candidates",
          label: "Or times to choose from",
          kind: "multiline",
          required: false,
          maxLength: 1000,
          placeholder: "3/12 14:30\nnext Thursday 10am",
          hint:
            "Instead of one time, two to five, one a line: each person invited is asked which they can make, " +
            'and you pick the time with "meeting <reference>".',
        },
        {
          name: "durationMinutes",
          label: "How long",
          kind: "choice",
          required: true,
          options: options({ "30": "30 minutes", "60": "1 hour", "90": "1½ hours", "120": "2 hours" }),
          initial: "60",
        },
        {
          name: "kind",
          label: "Kind of meeting",
          kind: "choice",
          required: true,
          options: options({
            PROBLEM_SOLVING_PANEL: "problem-solving panel",
            TASKING: "tasking meeting",
            CASE_REVIEW: "case review",
          }),
          initial: "PROBLEM_SOLVING_PANEL",
        },
        { name: "place", label: "Where", kind: "text", required: false, maxLength: 200 },
        {
          name: "link",
          label: "Online meeting link",
          kind: "text",
          required: false,
          maxLength: 2000,
          placeholder: "https://",
        },
      ],
    },
    { ref: problem.ref },
  );
}

export function taskForm(problem: Headline & { partners: { organisationName: string }[] }): ChatForm {
  return form(
    "task",
    {
      title: `Add an action to ${problem.ref}`,
      submitLabel: "Add action",
      intro: `${problem.ref}: ${problem.title}`,
      fields: [
        reasonField("text", "What is to be done"),
        {
          name: "organisation",
          label: "Organisation",
          kind: "choice",
          required: true,
          options: problem.partners.map((partner) => ({
            value: partner.organisationName,
            label: partner.organisationName,
          })),
          initial: problem.partners[0]?.organisationName,
        },
        {
          name: "assigneeEmail",
          label: "Assignee's email",
          kind: "text",
          required: false,
          maxLength: 320,
          hint: "Leave it empty and the organisation's SPOC for the area gets it.",
        },
        {
          name: "due",
          label: "Due",
          kind: "text",
          required: true,
          maxLength: 50,
          placeholder: "next Friday",
          hint: "As you would say it: 31/12, next Friday, in 2 weeks.",
        },
      ],
    },
    { ref: problem.ref },
  );
}

function actionIntro(action: Action): string {
  return `${action.problemRef}: ${action.text} (${action.organisationName}, due ${ukDay(action.dueOn)})`;
}

export function declineForm(action: Action): ChatForm {
  return form(
    "decline",
    {
      title: "Decline an action",
      submitLabel: "Decline",
      intro: actionIntro(action),
      fields: [
        reasonField(
          "reason",
          "Why your organisation cannot take it",
          "The coordinator will find a new owner.",
        ),
      ],
    },
    { actionId: action.id },
  );
}

export function updateForm(action: Action): ChatForm {
  return form(
    "update",
    {
      title: "Add an update",
      submitLabel: "Add update",
      intro: actionIntro(action),
      fields: [reasonField("text", "What has happened")],
    },
    { actionId: action.id },
  );
}

export function doneForm(action: Action): ChatForm {
  return form(
    "done",
    {
      title: "Mark an action done",
      submitLabel: "Done",
      intro: actionIntro(action),
      fields: [reasonField("outcome", "What was done")],
    },
    { actionId: action.id },
  );
}

export function closeForm(problem: Headline): ChatForm {
  return form(
    "close",
    {
      title: `Close ${problem.ref}`,
      submitLabel: "Close problem",
      intro: `${problem.ref}: ${problem.title}`,
      fields: [
        reasonField("outcome", "Outcome", "What happened: the problem's state now."),
        reasonField("assessment", "Assessment", "Did the response work, and what would you do again?"),
      ],
    },
    { ref: problem.ref },
  );
}

export function escalateForm(problem: Headline): ChatForm {
  return form(
    "escalate",
    {
      title: `Escalate ${problem.ref}`,
      submitLabel: "Escalate to the board",
      intro: `${problem.ref}: ${problem.title}. The Strategic Board will see the reference, title, priority and your reason.`,
      fields: [reasonField("reason", "What the board is asked for, and why")],
    },
    { ref: problem.ref },
  );
}

export function answerForm(
  problem: Headline & { escalationReason: string | null },
  decision?: string,
): ChatForm {
  return form(
    "answer",
    {
      title: `Answer the escalation of ${problem.ref}`,
      submitLabel: "Send answer",
      intro: `${problem.ref}: ${problem.title}. The LDG asks: ${problem.escalationReason ?? "(no reason given)"}`,
      fields: [
        {
          name: "decision",
          label: "The board's answer",
          kind: "choice",
          required: true,
          options: options({
            ACCEPTED: "Accept: the board takes it on",
            MORE_INFORMATION: "Ask the LDG for more",
            DECLINED: "Decline: it stays with the LDG",
          }),
          initial: decision,
        },
        reasonField("reason", "Reason", "The coordinator and the problem's partners will see it."),
      ],
    },
    { ref: problem.ref },
  );
}

/** Who came, by organisation: everyone invited, ticked if recorded as there (or, at first, if they said they would come). */
export function attendanceForm(meeting: Meeting, ref: string): ChatForm {
  const recorded = meeting.invitees.some((invitee) => invitee.attended !== null);
  const came = meeting.invitees.filter((invitee) =>
    recorded ? invitee.attended === true : invitee.response === "ATTENDING",
  );
  return form(
    "attendance",
    {
      title: `Who came: ${ref}`,
      submitLabel: "Record attendance",
      intro: `The meeting of ${meetingTime(meeting.startsAt)} on ${meeting.agenda.map((problem) => problem.ref).join(", ")}. Tick everyone who came.`,
      fields: [
        {
          name: "attended",
          label: "Attended",
          kind: "choices",
          required: false,
          options: meeting.invitees.map((invitee) => ({
            value: invitee.contactId,
            label: `${invitee.organisationName}: ${invitee.contactName}`,
          })),
          initial: came.map((invitee) => invitee.contactId),
        },
      ],
    },
    { ref, meetingId: meeting.id },
  );
}

/** The meeting's notes; ACTION lines become actions on the problem named (asked for when there are several). */
export function notesForm(meeting: Meeting, ref: string): ChatForm {
  const problemField: FormField[] =
    meeting.agenda.length > 1
      ? [
          {
            name: "problem",
            label: "Actions go on",
            kind: "choice",
            required: true,
            options: meeting.agenda.map((problem) => ({
              value: problem.ref,
              label: `${problem.ref}: ${problem.title}`,
            })),
            initial: ref,
          },
        ]
      : [];
  return form(
    "notes",
    {
      title: `Notes: ${ref}`,
      submitLabel: "Save notes",
      intro:
        "Paste the meeting's notes. Each line starting with ACTION becomes an action for that organisation's SPOC, " +
        "all together or none if a line is wrong.",
      fields: [
        {
          name: "notes",
          label: "Notes",
          kind: "multiline",
          required: true,
          maxLength: 10_000,
          initial: meeting.notes ?? undefined,
          hint: `An action line: ${ACTION_LINE_SYNTAX}, e.g. ACTION fire: fit smoke alarms at the flats by 5/12`,
        },
        ...problemField,
      ],
    },
    { ref, meetingId: meeting.id },
  );
}

/** A register check's Update details: the person's own entry, filled in as it is. */
export function detailsForm(
  checkId: string,
  contact: {
    name: string;
    email: string;
    phone: string | null;
    deputy: { email: string } | null;
    organisation: { name: string };
  },
  areaNames: string[],
): ChatForm {
  return form(
    "details",
    {
      title: "Update your register entry",
      submitLabel: "Save",
      intro: `Your entry as ${contact.organisation.name}'s contact in ${areaList(areaNames)}. Saving it counts as your check.`,
      fields: [
        { name: "name", label: "Name", kind: "text", required: true, maxLength: 120, initial: contact.name },
        {
          name: "email",
          label: "Email",
          kind: "text",
          required: true,
          maxLength: 254,
          initial: contact.email,
        },
        {
          name: "phone",
          label: "Phone",
          kind: "text",
          required: false,
          maxLength: 30,
          ...(contact.phone ? { initial: contact.phone } : {}),
        },
        {
          name: "deputyEmail",
          label: "Your deputy's email",
          kind: "text",
          required: false,
          maxLength: 254,
          hint: "The person who covers for you; they must be in the register. Leave it empty for none.",
          ...(contact.deputy ? { initial: contact.deputy.email } : {}),
        },
      ],
    },
    { checkId },
  );
}

/** A register check's Hand over: who is the contact now. */
export function handoverForm(checkId: string, organisationName: string, areaNames: string[]): ChatForm {
  return form(
    "handover",
    {
      title: "Hand over to the new contact",
      submitLabel: "Hand over",
      intro:
        `Who is ${organisationName}'s contact in ${areaList(areaNames)} now? They will be asked to confirm, ` +
        "and the register changes when they do.",
      fields: [
        { name: "successorName", label: "Their name", kind: "text", required: true, maxLength: 120 },
        { name: "successorEmail", label: "Their work email", kind: "text", required: true, maxLength: 254 },
        { name: "successorPhone", label: "Their phone", kind: "text", required: false, maxLength: 30 },
      ],
    },
    { checkId },
  );
}
