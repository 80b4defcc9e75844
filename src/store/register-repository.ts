// The register's repository over Prisma: maps rows to the core's plain types and back.
import type {
  Area,
  AuditEntry,
  Contact,
  ContactFields,
  ContactSearch,
  Organisation,
  RegisterRepository,
} from "../core/register/model.js";
import { writeAudit } from "./audit.js";
import { dateToDay } from "./calendar-day.js";
import type { Prisma } from "./generated/client.js";
import { type Client, inTransaction } from "./transaction.js";

export const contactInclude = {
  organisation: true,
  deputy: { select: { id: true, name: true, email: true } },
  memberships: { include: { area: true } },
  themes: true,
} as const;

type ContactRow = Prisma.ContactGetPayload<{ include: typeof contactInclude }>;

function toArea(row: { id: string; code: string; name: string; board: string }): Area {
  return { id: row.id, code: row.code, name: row.name, board: row.board };
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    organisation: { id: row.organisation.id, name: row.organisation.name, kind: row.organisation.kind },
    deputy: row.deputy,
    memberships: row.memberships
      .map((membership) => ({ area: toArea(membership.area), role: membership.role }))
      .sort((a, b) => a.area.code.localeCompare(b.area.code) || a.role.localeCompare(b.role)),
    themes: row.themes.map((theme) => theme.theme).sort(),
    slackUserId: row.slackUserId,
    teamsUserId: row.teamsUserId,
    preferredPlatform: row.preferredPlatform,
    isAdmin: row.isAdmin,
    verifiedAt: row.verifiedAt,
    retiredAt: row.retiredAt,
    awayUntil: row.awayUntil ? dateToDay(row.awayUntil) : null,
  };
}

function contactColumns(fields: ContactFields) {
  return {
    name: fields.name,
    nameKey: fields.name.toLowerCase(),
    email: fields.email,
    phone: fields.phone,
    organisationId: fields.organisationId,
    deputyId: fields.deputyId,
    slackUserId: fields.slackUserId,
    teamsUserId: fields.teamsUserId,
    preferredPlatform: fields.preferredPlatform,
    isAdmin: fields.isAdmin,
    verifiedAt: fields.verifiedAt,
  };
}

/** The entry's memberships and themes, written with it. */
function contactChildren(fields: ContactFields) {
  return {
    memberships: { create: fields.memberships },
    themes: { create: fields.themes.map((theme) => ({ theme })) },
  };
}

export class PrismaRegisterRepository implements RegisterRepository {
  constructor(private readonly client: Client) {}

  transaction<T>(work: (repository: RegisterRepository) => Promise<T>): Promise<T> {
    return inTransaction(
      this.client,
      this as RegisterRepository,
      (tx) => new PrismaRegisterRepository(tx),
      work,
    );
  }

  async listAreas(): Promise<Area[]> {
    return (await this.client.area.findMany({ orderBy: { code: "asc" } })).map(toArea);
  }

  async listOrganisations(): Promise<Organisation[]> {
    const rows = await this.client.organisation.findMany({ orderBy: { name: "asc" } });
    return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind }));
  }

  async createArea(area: Omit<Area, "id">): Promise<Area> {
    return toArea(await this.client.area.create({ data: area }));
  }

  async createOrganisation(organisation: Omit<Organisation, "id">): Promise<Organisation> {
    const row = await this.client.organisation.create({
      data: { ...organisation, nameKey: organisation.name.toLowerCase() },
    });
    return { id: row.id, name: row.name, kind: row.kind };
  }

  async findContactByEmail(email: string): Promise<Contact | null> {
    const row = await this.client.contact.findUnique({ where: { email }, include: contactInclude });
    return row ? toContact(row) : null;
  }

  async findContactsByEmails(emails: string[]): Promise<Contact[]> {
    const rows = await this.client.contact.findMany({
      where: { email: { in: emails } },
      include: contactInclude,
    });
    return rows.map(toContact);
  }

  async findContactById(id: string): Promise<Contact | null> {
    const row = await this.client.contact.findUnique({ where: { id }, include: contactInclude });
    return row ? toContact(row) : null;
  }

  async listContacts(options: { includeRetired: boolean }): Promise<Contact[]> {
    const rows = await this.client.contact.findMany({
      where: options.includeRetired ? {} : { retiredAt: null },
      include: contactInclude,
      orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
    });
    return rows.map(toContact);
  }

  async findContactByChatUser(platform: "SLACK" | "TEAMS", userId: string): Promise<Contact | null> {
    const where = platform === "SLACK" ? { slackUserId: userId } : { teamsUserId: userId };
    const row = await this.client.contact.findUnique({ where, include: contactInclude });
    return row ? toContact(row) : null;
  }

  async searchContacts(
    terms: ContactSearch[],
    limit: number,
  ): Promise<{ entries: Contact[]; total: number }> {
    const clauses = terms.map((term) => {
      const alternatives: Prisma.ContactWhereInput[] = [];
      if (term.organisationIds?.length) alternatives.push({ organisationId: { in: term.organisationIds } });
      if (term.areaIds?.length)
        alternatives.push({ memberships: { some: { areaId: { in: term.areaIds } } } });
      if (term.themes?.length) alternatives.push({ themes: { some: { theme: { in: term.themes } } } });
      if (term.nameOrEmailContains) {
        const text = term.nameOrEmailContains.toLowerCase();
        alternatives.push({ nameKey: { contains: text } }, { email: { contains: text } });
      }
      return alternatives;
    });
    if (clauses.length === 0 || clauses.some((alternatives) => alternatives.length === 0)) {
      return { entries: [], total: 0 };
    }
    const where: Prisma.ContactWhereInput = {
      AND: clauses.map((alternatives) => ({ OR: alternatives })),
      retiredAt: null,
    };
    const [rows, total] = await Promise.all([
      this.client.contact.findMany({
        where,
        include: contactInclude,
        orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
        take: limit,
      }),
      this.client.contact.count({ where }),
    ]);
    return { entries: rows.map(toContact), total };
  }

  async listUnverifiedSince(before: Date, areaIds?: string[]): Promise<Contact[]> {
    const rows = await this.client.contact.findMany({
      where: {
        retiredAt: null,
        OR: [{ verifiedAt: null }, { verifiedAt: { lt: before } }],
        ...(areaIds ? { memberships: { some: { areaId: { in: areaIds } } } } : {}),
      },
      include: contactInclude,
      orderBy: [{ verifiedAt: "asc" }, { name: "asc" }],
    });
    return rows.map(toContact);
  }

  async createContact(fields: ContactFields): Promise<Contact> {
    const row = await this.client.contact.create({
      data: { ...contactColumns(fields), ...contactChildren(fields) },
      include: contactInclude,
    });
    return toContact(row);
  }

  async updateContact(id: string, fields: ContactFields): Promise<Contact> {
    // Memberships and themes are replaced as a whole: the fields are the entry's full truth.
    await this.client.membership.deleteMany({ where: { contactId: id } });
    await this.client.contactTheme.deleteMany({ where: { contactId: id } });
    // A new address has not bounced: email is tried again.
    await this.client.contact.updateMany({
      where: { id, NOT: { email: fields.email } },
      data: { emailBouncedAt: null, emailBounceReason: null },
    });
    const row = await this.client.contact.update({
      where: { id },
      data: { ...contactColumns(fields), ...contactChildren(fields) },
      include: contactInclude,
    });
    return toContact(row);
  }

  async setRetired(id: string, retiredAt: Date | null): Promise<Contact> {
    return toContact(
      await this.client.contact.update({ where: { id }, data: { retiredAt }, include: contactInclude }),
    );
  }

  async setVerified(id: string, verifiedAt: Date): Promise<Contact> {
    return toContact(
      await this.client.contact.update({ where: { id }, data: { verifiedAt }, include: contactInclude }),
    );
  }

  async setChatUser(
    id: string,
    platform: "SLACK" | "TEAMS",
    userId: string,
    previous: string | null,
  ): Promise<Contact | null> {
    // One column, one conditional UPDATE: a person's first clicks reaching several replicas at once
    // must not rewrite the whole entry (updateContact replaces memberships) in each.
    const column = platform === "SLACK" ? "slackUserId" : "teamsUserId";
    const { count } = await this.client.contact.updateMany({
      where: { id, [column]: previous },
      data: { [column]: userId },
    });
    return count === 1 ? this.findContactById(id) : null;
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.client, entry);
  }
}
