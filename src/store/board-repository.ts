// The board's answers over Prisma; problems, outbox and audit go through the workflow's repository.
import type { BoardAnswer, BoardRepository } from "../core/board/model.js";
import type { OutboxEntry } from "../core/outbox.js";
import type { Problem, ProblemChanges } from "../core/problems/model.js";
import type { AuditEntry, Contact } from "../core/register/model.js";
import type { Prisma } from "./generated/client.js";
import { type Client, inTransaction } from "./transaction.js";
import { PrismaWorkflowRepository } from "./workflow-repository.js";

type AnswerRow = Prisma.BoardAnswerGetPayload<object>;

export class PrismaBoardRepository implements BoardRepository {
  private readonly workflow: PrismaWorkflowRepository;

  constructor(private readonly client: Client) {
    this.workflow = new PrismaWorkflowRepository(client);
  }

  transaction<T>(work: (repository: BoardRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.client, this as BoardRepository, (tx) => new PrismaBoardRepository(tx), work);
  }

  findProblemByRef(ref: string): Promise<Problem | null> {
    return this.workflow.findProblemByRef(ref);
  }

  updateProblem(id: string, changes: ProblemChanges): Promise<Problem> {
    return this.workflow.updateProblem(id, changes);
  }

  async answersFor(problemId: string): Promise<BoardAnswer[]> {
    const rows = await this.client.boardAnswer.findMany({
      where: { problemId },
      orderBy: { createdAt: "asc" },
    });
    return this.withNames(rows);
  }

  async findAnswerByClientKey(clientKey: string): Promise<BoardAnswer | null> {
    const row = await this.client.boardAnswer.findUnique({ where: { clientKey } });
    return row ? ((await this.withNames([row]))[0] ?? null) : null;
  }

  async createAnswer(
    answer: Omit<BoardAnswer, "id" | "answeredByName"> & { clientKey: string | null },
  ): Promise<BoardAnswer> {
    const row = await this.client.boardAnswer.create({ data: answer });
    return (await this.withNames([row]))[0] as BoardAnswer;
  }

  contactsWithRole(areaId: string, role: "COORDINATOR"): Promise<Contact[]> {
    return this.workflow.contactsWithRole(areaId, role);
  }

  recordAudit(entry: AuditEntry): Promise<void> {
    return this.workflow.recordAudit(entry);
  }

  enqueue(entries: OutboxEntry[]): Promise<void> {
    return this.workflow.enqueue(entries);
  }

  /** Answers carry who gave them by name, looked up in one query. */
  private async withNames(rows: AnswerRow[]): Promise<BoardAnswer[]> {
    const ids = [...new Set(rows.map((row) => row.answeredById))];
    const people = await this.client.contact.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    const names = new Map(people.map((person) => [person.id, person.name]));
    return rows.map((row) => ({
      id: row.id,
      problemId: row.problemId,
      decision: row.decision,
      reason: row.reason,
      answeredById: row.answeredById,
      answeredByName: names.get(row.answeredById) ?? "A board member",
      createdAt: row.createdAt,
    }));
  }
}
