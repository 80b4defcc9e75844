// Areas' LDG channels over Prisma, written with their audit event in one transaction.
import type { IntakeRepository, LdgChannelAddress } from "../core/intake/ldg-channel.js";
import type { AuditEntry } from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import type { Prisma } from "./generated/client.js";
import { type Client, inTransaction } from "./transaction.js";

export class PrismaIntakeRepository implements IntakeRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: IntakeRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.client, this as IntakeRepository, (tx) => new PrismaIntakeRepository(tx), work);
  }

  async areas(ids: string[]) {
    const areas = await this.client.area.findMany({
      where: { id: { in: ids } },
      select: { id: true, code: true, name: true },
      orderBy: { name: "asc" },
    });
    const channels = await this.client.areaLdgChannel.findMany({ where: { areaId: { in: ids } } });
    return areas.map((area) => {
      const channel = channels.find((each) => each.areaId === area.id);
      return {
        ...area,
        ldgChannel: channel ? ldgChannelOf(channel) : null,
      };
    });
  }

  async setLdgChannel(areaId: string, channel: LdgChannelAddress | null, setById: string | null) {
    if (!channel) {
      await this.client.areaLdgChannel.deleteMany({ where: { areaId } });
      return;
    }
    const data = {
      platform: channel.platform,
      address: channel.address as Prisma.InputJsonObject,
      setById,
    };
    await this.client.areaLdgChannel.upsert({
      where: { areaId },
      create: { areaId, ...data },
      update: data,
    });
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}

export function ldgChannelOf(row: { platform: string; address: unknown }): LdgChannelAddress | null {
  if (row.platform !== "SLACK" && row.platform !== "TEAMS") return null;
  return { platform: row.platform, address: row.address as Record<string, unknown> };
}
