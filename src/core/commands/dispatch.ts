// Turns what a person typed into a use case call and its answer. Both chat surfaces call this,
// so a command exists on both or on neither.
import { type ChatMessage, textMessage } from "../../chat/message.js";
import type { ChatPlace } from "../../chat/place.js";
import type { Actions } from "../actions/actions.js";
import type { Activities } from "../activities/activities.js";
import { loggedMessage } from "../activities/messages.js";
import type { Actor } from "../actor.js";
import type { BoardAnswers } from "../board/board-answers.js";
import { UserFacingError } from "../errors.js";
import type { Intake } from "../intake/ldg-channel.js";
import { problemCard } from "../interactions/cards.js";
import { meetingCard, tallyCard } from "../interactions/meeting-cards.js";
import type { Meetings } from "../meetings/meetings.js";
import { isBeingArranged } from "../meetings/model.js";
import type { Plan } from "../problems/plan.js";
import type { Problems } from "../problems/problems.js";
import type { Register } from "../register/register.js";
import { suggestCommand } from "./catalogue.js";
import { helpMessage } from "./help.js";
import { runScheduleCommand, type ScheduleCommandServices } from "./schedule-commands.js";
import { lookupMessage } from "./spoc.js";
import { myActionsMessage, planMessage } from "./workflow-messages.js";

export interface CommandContext extends ScheduleCommandServices {
  actor: Actor;
  register: Register;
  problems: Problems;
  actions: Actions;
  activities: Activities;
  board: BoardAnswers;
  intake: Intake;
  /** Where the command was typed, when the platform said (`intake threads` needs a channel). */
  where?: ChatPlace;
  meetings: Meetings;
  /** The area's plan as this actor may see it. */
  plan(actor: Actor, area: string): Promise<Plan>;
  now(): Date;
}

/** Everything a command may call, apart from who is asking. */
export type CommandServices = Omit<CommandContext, "actor" | "where">;

/** Splits `spoc fire` into the command word and the rest; tolerates a leading slash and extra spaces. */
export function parseCommand(text: string): { name: string; argument: string } {
  const trimmed = text
    .trim()
    .replace(/^\/?ldg\s+/i, "")
    .replace(/^\//, "");
  const [first = "", ...rest] = trimmed.split(/\s+/);
  return { name: first.toLowerCase(), argument: rest.join(" ") };
}

export async function runCommand(context: CommandContext, text: string): Promise<ChatMessage> {
  const { name, argument } = parseCommand(text);
  try {
    switch (name) {
      case "":
      case "help":
      case "hi":
      case "hello":
        return helpMessage();
      case "spoc":
        if (!argument) {
          return textMessage(
            'Who are you looking for? Add an organisation, area, theme or name, for example "spoc fire" or "spoc Craven".',
          );
        }
        return lookupMessage(await context.register.lookup(context.actor, argument));
      case "problem": {
        if (!argument) return textMessage('Which problem? For example "problem CRA-2026-0042".');
        const problem = await context.problems.show(context.actor, argument);
        const actions = (await context.actions.forProblem(context.actor, problem.ref)).filter(
          (action) => action.status !== "CANCELLED",
        );
        return problemCard(problem, actions, undefined, await context.board.exchange(problem));
      }
      case "meeting": {
        if (!argument) return textMessage('Which problem\'s meeting? For example "meeting CRA-2026-0042".');
        const meeting = await context.meetings.latestOf(context.actor, argument);
        if (isBeingArranged(meeting)) return tallyCard(meeting);
        return meetingCard(
          meeting,
          await context.meetings.attendanceByOrganisation(context.actor, meeting.id),
        );
      }
      case "actions":
        return myActionsMessage(await context.actions.mine(context.actor));
      case "plan": {
        const area = argument || context.actor.memberships[0]?.areaCode;
        if (!area) return textMessage('Which area? For example "plan Craven".');
        return planMessage(await context.plan(context.actor, area));
      }
      case "log":
        if (!argument) {
          return textMessage('What did you do? For example "log safe and well visit for fire, ambulance".');
        }
        return loggedMessage(await context.activities.record(context.actor, argument, context.now()));
      case "intake":
        return textMessage(await context.intake.command(context.actor, argument, context.where));
      case "digest":
      case "away":
      case "back":
      case "schedule":
        return await runScheduleCommand(context, name, argument);
      default: {
        const suggestion = suggestCommand(name);
        return textMessage(
          suggestion
            ? `I don't know "${name}". Did you mean "${suggestion.usage}"? Type "help" to see everything I can do.`
            : `I don't know "${name}". Type "help" to see everything I can do.`,
        );
      }
    }
  } catch (error) {
    if (error instanceof UserFacingError) return textMessage(error.message);
    throw error;
  }
}
