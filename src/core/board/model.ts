// The Strategic Board's answers to escalated problems, as the core sees them.
import type { OutboxEntry } from "../outbox.js";
import type { Problem, ProblemChanges } from "../problems/model.js";
import type { AuditEntry, Contact } from "../register/model.js";

export type BoardDecision = "ACCEPTED" | "MORE_INFORMATION" | "DECLINED";

export interface BoardAnswer {
  id: string;
  problemId: string;
  decision: BoardDecision;
  reason: string;
  answeredById: string;
  answeredByName: string;
  createdAt: Date;
}

export interface BoardRepository {
  transaction<T>(work: (repository: BoardRepository) => Promise<T>): Promise<T>;
  findProblemByRef(ref: string): Promise<Problem | null>;
  updateProblem(id: string, changes: ProblemChanges): Promise<Problem>;
  /** Oldest first. */
  answersFor(problemId: string): Promise<BoardAnswer[]>;
  findAnswerByClientKey(clientKey: string): Promise<BoardAnswer | null>;
  createAnswer(
    answer: Omit<BoardAnswer, "id" | "answeredByName"> & { clientKey: string | null },
  ): Promise<BoardAnswer>;
  contactsWithRole(areaId: string, role: "COORDINATOR"): Promise<Contact[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
}
