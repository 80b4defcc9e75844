// The port through which a convened problem gets its conversation: a private channel or a thread on
// the chat platform, where its partners work on it. The chat adapters implement it.
import type { Classification } from "../problems/model.js";

/** What a conversation may show about its problem: never personal details. */
export interface ConversationProblem {
  ref: string;
  title: string;
  classification: Classification;
}

export interface ProblemConversations {
  /**
   * Opens the problem's conversation with these register contacts in it, or adds them to the one
   * it already has: a problem has one conversation however many meetings it goes to.
   */
  open(problem: ConversationProblem, members: { contactId: string }[]): Promise<{ conversationId: string }>;
}
