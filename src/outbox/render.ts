// Turns an outbox message's kind and payload into the neutral message model, the same for Slack,
// Teams and email. It shows what the payload carries and nothing more, and every message shows the
// problem's classification. A payload that does not fit its kind can never be sent: that is a
// permanent failure, reported without echoing the payload's content.
import { z } from "zod";
import type { Block, Button, ChatMessage } from "../chat/message.js";
import type { Attachment, OutboundMessage } from "../chat/platform.js";
import { decidedOn } from "../core/board/board-answers.js";
import { CHASE_STEPS } from "../core/chasing/model.js";
import { boardDigestSchema, weeklyDigestSchema } from "../core/digests/model.js";
import { boardDigestMessage, weeklyDigestMessage } from "../core/digests/render-chat.js";
import { pollAnsweredCard, pollCard } from "../core/interactions/meeting-cards.js";
import { nextSteps } from "../core/interactions/next-steps.js";
import type { OutboxKind } from "../core/outbox.js";
import { CLASSIFICATION_LABELS } from "../core/problems/problem-input.js";
import {
  checkQuestionMessage,
  handoverInvitationMessage,
  handoverOutcomeMessage,
  unansweredChecksMessage,
} from "../core/register/check-messages.js";
import { LDG_TIME_ZONE, ukDay } from "../core/time/due-date.js";

export class InvalidOutboxPayload extends Error {}

/**
 * Free text from a use case, made fit for one line on any platform: control characters, line
 * breaks and bidirectional overrides (which can make text read differently from what it says) go,
 * and overlong text is cut.
 */
export function line(maxLength: number) {
  return z
    .string()
    .transform((text) => {
      const flat = text
        .replace(/[\u202A-\u202E\u2066-\u2069]/g, "")
        .replace(/[\p{Cc}\s]+/gu, " ")
        .trim();
      return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
    })
    .pipe(z.string().min(1));
}

export const problemHeadline = z.object({
  ref: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{4,}$/),
  title: line(200),
  priority: z.enum(["RED", "AMBER", "GREEN"]),
  classification: z.enum(["OFFICIAL", "OFFICIAL_SENSITIVE"]),
});
export type ProblemHeadline = z.output<typeof problemHeadline>;

const organisationName = line(200);
const actionId = z.string().regex(/^[\w-]{1,64}$/);
const actionText = line(500);
const reason = line(500);
const outcome = line(500);

type Fact = { label: string; value: string };

/** One line for notifications, a heading, then the problem's facts and the kind's own. */
export function compose(
  problem: ProblemHeadline,
  headline: string,
  detail: string,
  facts: (Fact | undefined)[],
  buttons: Button[] = [],
) {
  const classification = CLASSIFICATION_LABELS[problem.classification];
  const blocks: Block[] = [
    { kind: "heading", text: headline },
    {
      kind: "facts",
      facts: [
        { label: "Problem", value: `${problem.ref}: ${problem.title}` },
        { label: "Priority", value: problem.priority },
        { label: "Classification", value: classification },
        ...facts.filter((fact) => fact !== undefined),
      ],
    },
  ];
  if (buttons.length > 0) blocks.push({ kind: "buttons", buttons });
  const message: ChatMessage = {
    summary: `${headline} (${problem.priority}, ${classification}): ${detail}`,
    blocks,
    classification,
  };
  return message;
}

function fact(label: string, value: string | undefined): Fact | undefined {
  return value === undefined ? undefined : { label, value };
}

// The LDGs all meet in England, so a meeting's time is shown on UK time whatever the server's zone.
const MEETING_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: LDG_TIME_ZONE,
  dateStyle: "full",
  timeStyle: "short",
});

/** The calendar file, labelled with its own METHOD so mail clients offer accept or remove. */
function calendarAttachment(ics: string): Attachment {
  const method = /^METHOD:([A-Z]+)\r?$/m.exec(ics)?.[1] ?? "REQUEST";
  return {
    filename: method === "CANCEL" ? "cancellation.ics" : "invitation.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: ics,
  };
}

const PLATFORM_NAMES = {
  SLACK: " in Slack",
  TEAMS: " in Microsoft Teams",
  EMAIL: " by email",
  ANY: "",
} as const;

// Says what to do about it, and nothing about the messages that bounced: they may be sensitive.
const UNREACHABLE_ADVICE = {
  SLACK:
    "They are not in the Slack workspace, or their account is closed. Check their Slack details in the register.",
  TEAMS:
    "They have not installed ldg-bot in Teams, or have removed it, so it cannot write to them there. " +
    "Ask them to add ldg-bot from Apps in Teams and say hello to it; until then they get the LDG's messages another way, if the register has one.",
  EMAIL: "Their email address was refused. Check it in the register.",
  ANY:
    "They have not used ldg-bot in Teams or Slack yet, and email is off or their address was refused, so it has " +
    "no way to send them the LDG's messages. Check their email in the register, or ask them to add ldg-bot " +
    "from Apps in Teams and say hello to it.",
} as const;

const meetingFields = {
  startsAt: z.iso.datetime({ offset: true }),
  place: line(200).nullish(),
  link: z.url({ protocol: /^https?$/ }).nullish(),
  ics: z.string().startsWith("BEGIN:VCALENDAR").max(100_000).optional(),
  method: z.enum(["REQUEST", "CANCEL"]).optional(),
  reason: reason.optional(),
};

/**
 * An invitation as the meetings use case writes it (an agenda of one or more problems, the first
 * one headlining), or about a single problem; either way the message shows the first problem.
 */
const meetingInvitation = z.union([
  z
    .object({ ...meetingFields, agenda: z.array(problemHeadline).min(1) })
    .transform(({ agenda, ...meeting }) => ({ ...(agenda[0] as ProblemHeadline), ...meeting, agenda })),
  problemHeadline.extend(meetingFields).transform((meeting) => ({ ...meeting, agenda: [meeting] })),
]);

const meetingPoll = z.object({
  kind: z.enum(["TASKING", "PROBLEM_SOLVING_PANEL", "CASE_REVIEW"]),
  areaName: line(100),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  place: line(200).nullish(),
  agenda: z.array(problemHeadline).min(1),
  slots: z
    .array(
      z.object({ slotId: z.string().regex(/^[\w-]{1,64}$/), startsAt: z.iso.datetime({ offset: true }) }),
    )
    .min(1)
    .max(5),
});

const meetingPollAnswered = z.object({
  invited: z.number().int().min(1),
  agenda: z.array(problemHeadline).min(1),
  best: z
    .object({
      slotId: z.string().regex(/^[\w-]{1,64}$/),
      startsAt: z.iso.datetime({ offset: true }),
      can: z.number().int().min(1),
      organisationsUnable: z.array(organisationName).max(50),
    })
    .nullable(),
});

/** Validates a kind's payload, then renders it; the pair keeps each renderer typed by its schema. */
function renderer<S extends z.ZodType>(schema: S, render: (payload: z.output<S>) => OutboundMessage) {
  return (kind: OutboxKind, payload: unknown): OutboundMessage => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "payload"))];
      throw new InvalidOutboxPayload(`${kind} payload is invalid at ${fields.join(", ")}`);
    }
    return render(parsed.data);
  };
}

const rag = z.enum(["RED", "AMBER", "GREEN"]);
const chaseItem = problemHeadline.extend({
  step: z.enum(CHASE_STEPS),
  actionText: actionText.optional(),
  organisationName: organisationName.optional(),
  dueOn: z.iso.date().optional(),
  rag: rag.optional(),
  daysOverdue: z.number().int().min(0).optional(),
  covering: z.boolean().optional(),
  actions: z
    .array(z.object({ text: actionText, organisationName, dueOn: z.iso.date(), rag: rag.nullable() }))
    .max(100)
    .optional(),
});
const chaseReminders = z.object({
  day: z.iso.date(),
  items: z.array(chaseItem).min(1).max(100),
  more: z.number().int().min(0),
});

const checkId = z.string().regex(/^[\w-]{1,64}$/);
const personName = line(200);
const areaNames = z.array(line(100)).min(1).max(20);

const RENDERERS: Record<OutboxKind, (kind: OutboxKind, payload: unknown) => OutboundMessage> = {
  "problem.raised": renderer(problemHeadline.extend({ areaName: line(100).optional() }), (problem) => ({
    message: compose(
      problem,
      problem.areaName ? `New problem ${problem.ref} in ${problem.areaName}` : `New problem ${problem.ref}`,
      problem.title,
      [],
      [
        { label: "Details", intent: "problem.details", target: problem.ref },
        { label: "Convene", intent: "problem.convene", target: problem.ref, style: "primary" },
      ],
    ),
  })),
  "problem.escalated": renderer(problemHeadline.extend({ reason }), (problem) => ({
    message: compose(
      problem,
      `${problem.ref} escalated to the Strategic Board`,
      problem.title,
      [fact("Reason", problem.reason)],
      [
        { label: "Details", intent: "problem.details", target: problem.ref },
        { label: "Accept", intent: "escalation.accept", target: problem.ref, style: "primary" },
        { label: "Ask for more", intent: "escalation.more", target: problem.ref },
        { label: "Decline", intent: "escalation.decline", target: problem.ref, style: "danger" },
      ],
    ),
  })),
  "escalation.answered": renderer(
    problemHeadline.extend({
      decision: z.enum(["ACCEPTED", "MORE_INFORMATION", "DECLINED"]),
      reason,
      answeredBy: line(200),
    }),
    (answer) => ({
      message: compose(
        answer,
        `The Strategic Board ${decidedOn(answer.decision, answer.ref)}`,
        answer.reason,
        [fact("Answered by", answer.answeredBy), fact("Reason", answer.reason)],
      ),
    }),
  ),
  "problem.closed": renderer(problemHeadline.extend({ outcome: outcome.optional() }), (problem) => ({
    message: compose(problem, `${problem.ref} closed`, problem.title, [fact("Outcome", problem.outcome)]),
  })),
  "partner.added": renderer(
    problemHeadline.extend({ organisationName, reason: reason.optional() }),
    (partner) => ({
      message: compose(
        partner,
        `${partner.organisationName} added as a partner on ${partner.ref}`,
        partner.title,
        [fact("Why", partner.reason)],
      ),
    }),
  ),
  "meeting.invitation": renderer(meetingInvitation, (meeting) => {
    const when = MEETING_TIME.format(new Date(meeting.startsAt));
    const place = meeting.place ?? undefined;
    const cancelled = meeting.method === "CANCEL";
    const others = meeting.agenda.slice(1).map((problem) => `${problem.ref}: ${problem.title}`);
    return {
      message: compose(
        meeting,
        `${cancelled ? "Meeting cancelled" : "Meeting"} on ${meeting.ref}`,
        place ? `${when}, ${place}` : when,
        [
          fact("When", when),
          fact("Where", place),
          fact("Link", meeting.link ?? undefined),
          fact("Also on the agenda", others.length > 0 ? others.join("; ") : undefined),
          fact("Why", meeting.reason),
        ],
      ),
      attachments: meeting.ics === undefined ? undefined : [calendarAttachment(meeting.ics)],
    };
  }),
  "meeting.poll": renderer(meetingPoll, (poll) => ({
    message: pollCard({
      ...poll,
      place: poll.place ?? null,
      slots: poll.slots.map((slot) => ({ slotId: slot.slotId, startsAt: new Date(slot.startsAt) })),
    }),
  })),
  "meeting.poll.answered": renderer(meetingPollAnswered, (poll) => ({
    message: pollAnsweredCard({
      ...poll,
      best: poll.best ? { ...poll.best, startsAt: new Date(poll.best.startsAt) } : null,
    }),
  })),
  "action.assigned": renderer(
    problemHeadline.extend({ actionId, organisationName, actionText, dueOn: z.iso.date() }),
    (action) => ({
      message: compose(
        action,
        `New action for ${action.organisationName} on ${action.ref}`,
        `${action.actionText}, due ${ukDay(action.dueOn)}`,
        [fact("Action", action.actionText), fact("Due", ukDay(action.dueOn))],
        nextSteps({ id: action.actionId, status: "PROPOSED" }),
      ),
    }),
  ),
  "action.declined": renderer(problemHeadline.extend({ organisationName, actionText, reason }), (action) => ({
    message: compose(
      action,
      `${action.organisationName} declined an action on ${action.ref}`,
      action.actionText,
      [fact("Action", action.actionText), fact("Reason", action.reason)],
    ),
  })),
  "action.done": renderer(
    problemHeadline.extend({
      organisationName: organisationName.optional(),
      actionText,
      outcome: outcome.optional(),
    }),
    (action) => ({
      message: compose(
        action,
        action.organisationName
          ? `${action.organisationName} completed an action on ${action.ref}`
          : `Action completed on ${action.ref}`,
        action.actionText,
        [fact("Action", action.actionText), fact("Outcome", action.outcome)],
      ),
    }),
  ),
  "chase.reminders": renderer(chaseReminders, (chase) => ({ message: chaseMessage(chase) })),
  "leave.uncovered": renderer(
    z.object({ name: line(200), organisationName, areaName: line(300), awayUntil: z.iso.date() }),
    (leave) => {
      const text =
        `${leave.name} (${leave.organisationName}, ${leave.areaName}) is away until ${ukDay(leave.awayUntil)} ` +
        "and has no deputy to cover: their chases and new actions come to you meanwhile.";
      return { message: { summary: text, blocks: [{ kind: "text", text }] } };
    },
  ),
  "digest.weekly": renderer(weeklyDigestSchema, (digest) => ({ message: weeklyDigestMessage(digest) })),
  "digest.board": renderer(boardDigestSchema, (digest) => ({ message: boardDigestMessage(digest) })),
  "register.check": renderer(
    z.object({
      checkId,
      organisationName,
      areaNames,
      lastVerifiedOn: z.iso.date().nullable(),
      reminder: z.boolean().optional(),
    }),
    (question) => ({ message: checkQuestionMessage(question) }),
  ),
  "register.handover": renderer(
    z.object({ checkId, fromName: personName, organisationName, areaNames }),
    (invitation) => ({ message: handoverInvitationMessage(invitation) }),
  ),
  "register.handover.outcome": renderer(
    z.object({
      outcome: z.enum(["HANDED_OVER", "HANDOVER_REFUSED"]),
      fromName: personName,
      toName: personName,
      organisationName,
      areaNames,
    }),
    (change) => ({ message: handoverOutcomeMessage(change) }),
  ),
  "register.unanswered": renderer(
    z.object({
      checks: z
        .array(
          z.object({
            name: personName,
            organisationName,
            areaNames,
            askedOn: z.iso.date(),
            successorName: personName.optional(),
          }),
        )
        .min(1)
        .max(500),
      workingDays: z.number().int().min(1).max(60),
    }),
    (unanswered) => ({ message: unansweredChecksMessage(unanswered.checks, unanswered.workingDays) }),
  ),
  "contact.unreachable": renderer(
    z.object({
      contactName: line(200),
      organisationName,
      platform: z.enum(["SLACK", "TEAMS", "EMAIL", "ANY"]),
    }),
    (unreachable) => {
      const who = `${unreachable.contactName} (${unreachable.organisationName})`;
      const headline = `I can't reach ${who}${PLATFORM_NAMES[unreachable.platform]}`;
      return {
        message: {
          summary: headline,
          blocks: [
            { kind: "heading", text: headline },
            { kind: "text", text: UNREACHABLE_ADVICE[unreachable.platform] },
          ],
        },
      };
    },
  ),
};

const STEP_HEADINGS: Record<(typeof CHASE_STEPS)[number], string> = {
  "unaccepted.reminder": "Waiting to be accepted",
  "unaccepted.escalation": "Still not accepted",
  "due.soon": "Due soon",
  "due.today": "Due today",
  "overdue.reminder": "Overdue",
  "overdue.coordinator": "Overdue a week or more",
  "review.due": "Problems due for review",
  "escalation.unanswered": "Escalations waiting for the board's answer",
};

/** What a chase item's day is, where it is not a due date. */
const DAY_WORDS: Partial<Record<(typeof CHASE_STEPS)[number], string>> = {
  "review.due": "review",
  "escalation.unanswered": "escalated",
};

function chaseLine(item: z.output<typeof chaseItem>): string {
  const parts = [
    `${item.ref} ${item.title} (${item.priority}, ${CLASSIFICATION_LABELS[item.classification]})`,
  ];
  if (item.actionText) parts.push(`${item.organisationName ?? "Action"}: ${item.actionText}`);
  if (item.dueOn) parts.push(`${DAY_WORDS[item.step] ?? "due"} ${ukDay(item.dueOn)}`);
  if (item.daysOverdue) {
    parts.push(
      item.step === "escalation.unanswered"
        ? `${item.daysOverdue} working days unanswered`
        : `${item.daysOverdue} working days overdue`,
    );
  }
  if (item.rag) parts.push(item.rag);
  if (item.covering) parts.push("sent to you as cover");
  return parts.join(" · ");
}

function chaseMessage(chase: z.output<typeof chaseReminders>): ChatMessage {
  const total = chase.items.length + chase.more;
  const sensitive = chase.items.some((item) => item.classification === "OFFICIAL_SENSITIVE");
  const classification = CLASSIFICATION_LABELS[sensitive ? "OFFICIAL_SENSITIVE" : "OFFICIAL"];
  const heading = `${total} ${total === 1 ? "item" : "items"} to chase on ${ukDay(chase.day)}`;
  const blocks: Block[] = [
    { kind: "heading", text: heading },
    { kind: "facts", facts: [{ label: "Classification", value: classification }] },
  ];
  for (const step of CHASE_STEPS) {
    const items = chase.items.filter((item) => item.step === step);
    if (items.length === 0) continue;
    blocks.push({ kind: "text", text: STEP_HEADINGS[step] });
    blocks.push({
      kind: "list",
      items: items.flatMap((item) => [
        chaseLine(item),
        ...(item.actions ?? []).map(
          (action) =>
            `  - ${action.organisationName}: ${action.text}, due ${ukDay(action.dueOn)}${action.rag ? ` (${action.rag})` : ""}`,
        ),
      ]),
    });
  }
  if (chase.more > 0) {
    blocks.push({ kind: "text", text: `and ${chase.more} more: type "actions" or "plan" to see them all.` });
  }
  const steps = CHASE_STEPS.filter((step) => chase.items.some((item) => item.step === step))
    .map((step) => STEP_HEADINGS[step].toLowerCase())
    .join(", ");
  return { summary: `${heading} (${classification}): ${steps}`, blocks, classification };
}

/** Throws InvalidOutboxPayload for an unknown kind or a payload that does not fit its kind. */
export function renderOutboxMessage(kind: string, payload: unknown): OutboundMessage {
  if (!Object.hasOwn(RENDERERS, kind)) throw new InvalidOutboxPayload(`"${kind}" is not a kind of message`);
  const outboxKind = kind as OutboxKind;
  return RENDERERS[outboxKind](outboxKind, payload);
}
