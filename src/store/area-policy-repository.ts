// An area's chasing overrides over Prisma, written with their audit event in one transaction.
import type { AreaPolicyRepository } from "../core/chasing/area-policy.js";
import type { ChasePolicy } from "../core/chasing/policy.js";
import type { AuditEntry } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { Prisma } from "./generated/client.js";
import { type Client, inTransaction } from "./transaction.js";

export class PrismaAreaPolicyRepository implements AreaPolicyRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: AreaPolicyRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as AreaPolicyRepository,
      (tx) => new PrismaAreaPolicyRepository(tx),
      work,
    );
  }

  async findArea(codeOrName: string) {
    const wanted = codeOrName.trim();
    const areas = await this.client.area.findMany({
      select: { id: true, code: true, name: true, chasePolicy: true },
    });
    return (
      areas.find(
        (area) => area.code === wanted.toUpperCase() || area.name.toLowerCase() === wanted.toLowerCase(),
      ) ?? null
    );
  }

  async setChasePolicy(areaId: string, override: Partial<ChasePolicy> | null): Promise<void> {
    await this.client.area.update({
      where: { id: areaId },
      data: { chasePolicy: override === null ? Prisma.DbNull : override },
    });
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}
