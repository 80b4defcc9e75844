// `help`: what you can ask, with examples.
import type { ChatMessage } from "../../chat/message.js";
import { COMMANDS } from "./catalogue.js";

export function helpMessage(): ChatMessage {
  return {
    summary: "What I can do for you",
    blocks: [
      { kind: "heading", text: "ldg-bot: what I can do" },
      {
        kind: "text",
        text: "I keep your Local Delivery Group's register of contacts, its problems and their actions. Type one of these:",
      },
      {
        kind: "list",
        items: COMMANDS.map(
          (command) => `${command.usage}: ${command.does} (for example: ${command.examples.join(", ")})`,
        ),
      },
    ],
  };
}
