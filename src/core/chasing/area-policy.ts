// Admins change an area's chasing counts; what the area leaves out keeps the default. Audited.
import type { Actor } from "../actor.js";
import { AccessDenied, InvalidInput } from "../errors.js";
import type { AuditEntry } from "../register/model.js";
import { parseInput } from "../validation.js";
import { type ChasePolicy, chasePolicyOverrideSchema, DEFAULT_CHASE_POLICY, policyFor } from "./policy.js";

export interface AreaPolicyRepository {
  transaction<T>(work: (repository: AreaPolicyRepository) => Promise<T>): Promise<T>;
  findArea(
    codeOrName: string,
  ): Promise<{ id: string; code: string; name: string; chasePolicy: unknown } | null>;
  setChasePolicy(areaId: string, override: Partial<ChasePolicy> | null): Promise<void>;
  recordAudit(entry: AuditEntry): Promise<void>;
}

export class AreaChasePolicies {
  constructor(private readonly repository: AreaPolicyRepository) {}

  /** The area's policy as chasing applies it. */
  async show(areaCodeOrName: string): Promise<{ area: string; policy: ChasePolicy }> {
    const area = await this.findArea(areaCodeOrName);
    return { area: area.name, policy: policyFor(area.chasePolicy) };
  }

  /** Replaces the area's overrides (null goes back to the defaults) and returns the policy applied. */
  async set(actor: Actor, areaCodeOrName: string, override: unknown): Promise<ChasePolicy> {
    if (!actor.isAdmin) throw new AccessDenied("Only an admin can change how an area is chased.");
    const area = await this.findArea(areaCodeOrName);
    if (override !== null && typeof override === "object") {
      const unknown = Object.keys(override).filter((key) => !Object.hasOwn(DEFAULT_CHASE_POLICY, key));
      if (unknown.length > 0) {
        throw new InvalidInput([
          `${unknown.join(", ")}: not a chasing count; the counts are ${Object.keys(DEFAULT_CHASE_POLICY).join(", ")}`,
        ]);
      }
    }
    const valid = override === null ? null : parseInput(chasePolicyOverrideSchema, override);
    const policy = policyFor(valid);
    if (policy.unacceptedEscalationDays <= policy.unacceptedReminderDays) {
      throw new InvalidInput(["unacceptedEscalationDays must be more than unacceptedReminderDays"]);
    }
    if (policy.overdueBoardDays <= policy.overdueCoordinatorDays) {
      throw new InvalidInput(["overdueBoardDays must be more than overdueCoordinatorDays"]);
    }
    await this.repository.transaction(async (repository) => {
      await repository.setChasePolicy(area.id, valid);
      await repository.recordAudit({
        actorId: actor.contactId,
        actorLabel: actor.label,
        verb: "area.chase-policy",
        entityType: "Area",
        entityId: area.id,
        before: area.chasePolicy ?? null,
        after: valid,
      });
    });
    return policy;
  }

  private async findArea(codeOrName: string) {
    const area = await this.repository.findArea(codeOrName);
    if (!area) throw new InvalidInput([`"${codeOrName}" is not an area in the register`]);
    return area;
  }
}
