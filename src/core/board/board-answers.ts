// The board answers what an LDG escalates: accept (it takes the problem on), ask for more, or
// decline, each with a reason. The answer goes back to the area's coordinators and the problem's
// partners, and the exchange stays on the problem. Asking for more or declining returns the problem
// to ACTIVE, so the coordinator can act on it or escalate it again with more.
import { z } from "zod";
import { type Actor, areasWhereActorIs } from "../actor.js";
import { AccessDenied, InvalidInput, NotFound } from "../errors.js";
import type { Problem } from "../problems/model.js";
import { problemHeadline } from "../problems/problems.js";
import { parseInput } from "../validation.js";
import type { BoardAnswer, BoardDecision, BoardRepository } from "./model.js";

export const DECISION_WORDS: Record<BoardDecision, string> = {
  ACCEPTED: "accepted",
  MORE_INFORMATION: "asked for more information",
  DECLINED: "declined",
};

/** The decision with what it was about: "accepted CRA-2026-0001", "asked for more information on ...". */
export function decidedOn(decision: BoardDecision, subject: string): string {
  return decision === "MORE_INFORMATION"
    ? `${DECISION_WORDS[decision]} on ${subject}`
    : `${DECISION_WORDS[decision]} ${subject}`;
}

const answerSchema = z.object({
  decision: z.enum(["ACCEPTED", "MORE_INFORMATION", "DECLINED"], {
    message: "must be accept, ask for more, or decline",
  }),
  reason: z
    .string({ message: "is required" })
    .trim()
    .min(5, { message: "needs a few words (at least 5 characters)" })
    .max(2000, { message: "is longer than 2000 characters" }),
  clientKey: z.string().trim().max(200).optional(),
});

export type AnswerInput = z.input<typeof answerSchema>;

/** Only the problem's area's board members (or an admin) answer its escalations. */
export function assertMayAnswer(
  actor: Actor,
  problem: Problem,
): asserts actor is Actor & { contactId: string } {
  const isBoardMember = areasWhereActorIs(actor, "BOARD_MEMBER").includes(problem.area.id);
  if (actor.contactId === null || !(actor.isAdmin || isBoardMember)) {
    throw new AccessDenied(
      `Only the Strategic Board members for ${problem.area.name} can answer its escalations.`,
    );
  }
}

export class BoardAnswers {
  constructor(
    private readonly repository: BoardRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async answer(
    actor: Actor,
    ref: string,
    input: AnswerInput,
  ): Promise<{ problem: Problem; answer: BoardAnswer }> {
    const problem = await this.find(ref);
    assertMayAnswer(actor, problem);
    const valid = parseInput(answerSchema, input);
    if (valid.clientKey) {
      const earlier = await this.repository.findAnswerByClientKey(valid.clientKey);
      if (earlier) return { problem, answer: earlier };
    }
    const latest = (await this.repository.answersFor(problem.id)).at(-1);
    const answeredAlready = latest && problem.escalatedAt && latest.createdAt >= problem.escalatedAt;
    if (problem.status !== "ESCALATED" || answeredAlready) {
      throw new InvalidInput([
        latest && answeredAlready
          ? `${latest.answeredByName} has already ${decidedOn(latest.decision, "this escalation")}: ${latest.reason}`
          : `${problem.ref} is not waiting for the board (it is ${problem.status.toLowerCase()}).`,
      ]);
    }
    const answeredById = actor.contactId;
    return this.repository.transaction(async (repository) => {
      const answer = await repository.createAnswer({
        problemId: problem.id,
        decision: valid.decision,
        reason: valid.reason,
        answeredById,
        clientKey: valid.clientKey ?? null,
        createdAt: this.now(),
      });
      const updated =
        valid.decision === "ACCEPTED"
          ? problem
          : await repository.updateProblem(problem.id, { status: "ACTIVE" });
      await repository.recordAudit({
        actorId: answeredById,
        actorLabel: actor.label,
        verb: "problem.board-answered",
        entityType: "Problem",
        entityId: problem.id,
        before: { status: problem.status },
        after: { status: updated.status, decision: answer.decision, reason: answer.reason },
      });
      const coordinators = await repository.contactsWithRole(problem.area.id, "COORDINATOR");
      const recipients = new Set([
        problem.raisedById,
        ...coordinators.map((coordinator) => coordinator.id),
        ...problem.partners.map((partner) => partner.contactId).filter((id): id is string => id !== null),
      ]);
      recipients.delete(answeredById);
      await repository.enqueue(
        [...recipients].map((recipientId) => ({
          key: `escalation.answered:${answer.id}:${recipientId}`,
          recipientId,
          kind: "escalation.answered" as const,
          payload: {
            ...problemHeadline(updated),
            decision: answer.decision,
            reason: answer.reason,
            answeredBy: answer.answeredByName,
          },
        })),
      );
      return { problem: updated, answer };
    });
  }

  /** The escalation and the board's answers, oldest first, as lines for the problem's card. */
  async exchange(problem: Problem): Promise<string[]> {
    if (!problem.escalationReason) return [];
    const answers = await this.repository.answersFor(problem.id);
    const day = (date: Date) =>
      date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
    return [
      `Escalated${problem.escalatedAt ? ` ${day(problem.escalatedAt)}` : ""}: ${problem.escalationReason}`,
      ...answers.map(
        (answer) =>
          `${answer.answeredByName} ${DECISION_WORDS[answer.decision]} (${day(answer.createdAt)}): ${answer.reason}`,
      ),
    ];
  }

  private async find(ref: string): Promise<Problem> {
    const problem = await this.repository.findProblemByRef(ref);
    if (!problem) throw new NotFound(`There is no problem ${ref.trim().toUpperCase()}.`);
    return problem;
  }
}
