// What the register's checks say, the same in Slack, Teams and email: the question to a SPOC, the
// invitation to the successor they name, the outcome for coordinators, and the list of questions
// nobody answered. Names and organisations only: no phone numbers or addresses travel in them.
import type { Button, ChatMessage } from "../../chat/message.js";
import { ukDay } from "../time/due-date.js";

const AND_LIST = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

/** "Craven", "Craven and Harrogate", "Craven, Harrogate and Selby". */
export function areaList(areaNames: string[]): string {
  return AND_LIST.format(areaNames);
}

export interface CheckQuestion {
  checkId: string;
  organisationName: string;
  areaNames: string[];
  /** The day last verified (YYYY-MM-DD), or null when never. */
  lastVerifiedOn: string | null;
  /** Asked again, because nothing came back. */
  reminder?: boolean;
}

export function checkQuestionMessage(question: CheckQuestion): ChatMessage {
  const asked = `Are you still the contact for ${question.organisationName} in ${areaList(question.areaNames)}?`;
  const heading = question.reminder ? `Reminder: ${asked}` : asked;
  const on = (label: string, intent: Button["intent"], style?: Button["style"]): Button => ({
    label,
    intent,
    target: question.checkId,
    ...(style ? { style } : {}),
  });
  return {
    summary: heading,
    blocks: [
      { kind: "heading", text: heading },
      {
        kind: "text",
        text:
          "The LDG's register lists you as its single point of contact. Partners find you through it, " +
          "so please check it is still right: confirm, update your details, or hand over to the person who now does it.",
      },
      {
        kind: "facts",
        facts: [
          { label: "Organisation", value: question.organisationName },
          { label: "Areas", value: areaList(question.areaNames) },
          {
            label: "Last checked",
            value: question.lastVerifiedOn ? ukDay(question.lastVerifiedOn) : "never",
          },
        ],
      },
      ...(question.reminder
        ? [
            {
              kind: "text" as const,
              text: "Nothing has come back yet. If there is no answer, your LDG coordinator will be asked to check with you.",
            },
          ]
        : []),
      {
        kind: "buttons",
        buttons: [
          on("Confirm", "register.confirm", "primary"),
          on("Update details", "register.update"),
          on("Hand over", "register.handover"),
        ],
      },
    ],
  };
}

export interface HandoverInvitation {
  checkId: string;
  fromName: string;
  organisationName: string;
  areaNames: string[];
}

export function handoverInvitationMessage(invitation: HandoverInvitation): ChatMessage {
  const areas = areaList(invitation.areaNames);
  const heading = `${invitation.fromName} named you as the new contact for ${invitation.organisationName} in ${areas}`;
  return {
    summary: heading,
    blocks: [
      { kind: "heading", text: heading },
      {
        kind: "text",
        text:
          `Confirm, and the LDG's register lists you as ${invitation.organisationName}'s single point of contact ` +
          `in ${areas}: partners' invitations and actions come to you. If this is not you, say so and the ` +
          "coordinator will sort it out.",
      },
      {
        kind: "buttons",
        buttons: [
          { label: "Confirm", intent: "register.accept", target: invitation.checkId, style: "primary" },
          { label: "That's not me", intent: "register.refuse", target: invitation.checkId, style: "danger" },
        ],
      },
    ],
  };
}

export interface HandoverOutcome {
  outcome: "HANDED_OVER" | "HANDOVER_REFUSED";
  fromName: string;
  toName: string;
  organisationName: string;
  areaNames: string[];
}

export function handoverOutcomeMessage(change: HandoverOutcome): ChatMessage {
  const areas = areaList(change.areaNames);
  const [heading, text] =
    change.outcome === "HANDED_OVER"
      ? [
          `${change.toName} is now the contact for ${change.organisationName} in ${areas}`,
          `${change.fromName} handed over and ${change.toName} confirmed. The register has been updated.`,
        ]
      : [
          `${change.toName} says they are not the new contact for ${change.organisationName} in ${areas}`,
          `${change.fromName} named ${change.toName} as their successor, and ${change.toName} said that is not them. ` +
            `The register still lists ${change.fromName}: please find out who the contact is now and update it.`,
        ];
  return {
    summary: heading,
    blocks: [
      { kind: "heading", text: heading },
      { kind: "text", text },
    ],
  };
}

export interface UnansweredCheck {
  name: string;
  organisationName: string;
  areaNames: string[];
  askedOn: string;
  /** Named while a handover waits for its successor. */
  successorName?: string;
}

/** What the digest and the coordinator's notice say about an open check. */
export function waitingFor(check: Pick<UnansweredCheck, "askedOn" | "successorName">): string {
  return check.successorName
    ? `handover to ${check.successorName} awaiting confirmation`
    : `asked on ${ukDay(check.askedOn)}, no answer`;
}

export function unansweredChecksMessage(checks: UnansweredCheck[], workingDays: number): ChatMessage {
  const heading =
    checks.length === 1
      ? "A register check has had no answer"
      : `${checks.length} register checks have had no answer`;
  return {
    summary: `${heading} in ${workingDays} working days`,
    blocks: [
      { kind: "heading", text: heading },
      {
        kind: "text",
        text:
          `These contacts were asked whether they are still their organisation's contact, and nothing has ` +
          `come back in ${workingDays} working days. Please check with them or their organisation, then update the register.`,
      },
      {
        kind: "list",
        items: checks.map(
          (check) =>
            `${check.name}, ${check.organisationName} (${areaList(check.areaNames)}): ${waitingFor(check)}`,
        ),
      },
    ],
  };
}
