// Turns what a person typed into a use case call and its answer. Both chat surfaces call this,
// so a command exists on both or on neither.
import { type ChatMessage, textMessage } from "../../chat/message.js";
import type { Actor } from "../actor.js";
import { UserFacingError } from "../errors.js";
import type { Register } from "../register/register.js";
import { suggestCommand } from "./catalogue.js";
import { helpMessage } from "./help.js";
import { lookupMessage } from "./spoc.js";

export interface CommandContext {
  actor: Actor;
  register: Register;
}

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
