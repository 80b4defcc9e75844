// The register's use cases: add, update, retire, verify, look up, list what is stale, import.
// Every change is checked against the actor's rights and audited in the same transaction.
import { z } from "zod";
import { type Actor, areasWhereActorIs } from "../actor.js";
import { AccessDenied, InvalidInput, NotFound } from "../errors.js";
import { describeIssues, parseInput } from "../validation.js";
import { type ContactInput, contactInputSchema, type ValidContactInput } from "./contact-input.js";
import type {
  Area,
  Contact,
  ContactFields,
  ContactSearch,
  Organisation,
  RegisterRepository,
} from "./model.js";
import { ORGANISATION_KINDS, parseOrganisationKind, parseTheme, THEMES } from "./vocabulary.js";

/** An entry not verified for this long is stale (DESIGN.md: six months; REGISTER_VERIFY_MONTHS changes it). */
export const VERIFY_EVERY_MONTHS = 6;
const LOOKUP_LIMIT = 25;

export type SaveOutcome = "added" | "updated" | "unchanged";

export interface ImportRow {
  /** Where the row starts in its file, for the report. */
  line: number;
  input: ContactInput;
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  /** Rows refused, each with every reason. With any of these and no skipInvalid, nothing was written. */
  rejected: { line: number; problems: string[] }[];
  written: boolean;
}

export interface LookupResult {
  query: string;
  /** What the query was taken to mean, e.g. `organisation North Yorkshire Fire and Rescue Service`. */
  matchedOn: string[];
  entries: Contact[];
  /** Entries found beyond those returned. */
  more: number;
}

const areaInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,5}$/, { message: "must be 2 to 5 letters, like CRA" }),
  name: z.string().trim().min(1, { message: "is required" }).max(100),
  board: z.string().trim().min(1, { message: "is required" }).max(200),
});

const organisationInputSchema = z.object({
  name: z.string().trim().min(2, { message: "is required" }).max(200),
  kind: z.string().transform((word, ctx) => {
    const kind = parseOrganisationKind(word);
    if (!kind) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${Object.values(ORGANISATION_KINDS).join(", ")}`,
      });
      return z.NEVER;
    }
    return kind;
  }),
});

/** A register entry as audit events and comparisons see it: names, not ids. */
export function contactSnapshot(contact: Contact) {
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    organisation: contact.organisation.name,
    deputy: contact.deputy?.email ?? null,
    memberships: contact.memberships.map((membership) => `${membership.area.code}:${membership.role}`),
    themes: contact.themes,
    slackUserId: contact.slackUserId,
    teamsUserId: contact.teamsUserId,
    preferredPlatform: contact.preferredPlatform,
    isAdmin: contact.isAdmin,
    verifiedAt: contact.verifiedAt?.toISOString() ?? null,
    retiredAt: contact.retiredAt?.toISOString() ?? null,
  };
}

/** What an entry holds, by id: the starting point for a change to it. */
export function fieldsOf(contact: Contact): ContactFields {
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    organisationId: contact.organisation.id,
    deputyId: contact.deputy?.id ?? null,
    memberships: contact.memberships.map((membership) => ({
      areaId: membership.area.id,
      role: membership.role,
    })),
    themes: contact.themes,
    slackUserId: contact.slackUserId,
    teamsUserId: contact.teamsUserId,
    preferredPlatform: contact.preferredPlatform,
    isAdmin: contact.isAdmin,
    verifiedAt: contact.verifiedAt,
  };
}

function sameFields(a: ContactFields, b: ContactFields): boolean {
  const canonical = (fields: ContactFields) =>
    JSON.stringify({
      ...fields,
      memberships: fields.memberships.map((membership) => `${membership.areaId}:${membership.role}`).sort(),
      themes: [...fields.themes].sort(),
      verifiedAt: fields.verifiedAt?.getTime() ?? null,
    });
  return canonical(a) === canonical(b);
}

const MONTH_WORDS = ["one month", "two months", "three months", "four months", "five months", "six months"];

/** The verification period as people say it: "six months"; "12 months" beyond six. */
export function monthsInWords(months: number): string {
  return MONTH_WORDS[months - 1] ?? `${months} months`;
}

/** The same moment `months` calendar months earlier: where staleness starts. */
export function monthsBefore(date: Date, months: number): Date {
  const earlier = new Date(date);
  earlier.setUTCMonth(earlier.getUTCMonth() - months);
  return earlier;
}

export class Register {
  constructor(
    private readonly repository: RegisterRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly verifyEveryMonths = VERIFY_EVERY_MONTHS,
  ) {}

  async listAreas(): Promise<Area[]> {
    return this.repository.listAreas();
  }

  async addArea(actor: Actor, input: z.input<typeof areaInputSchema>): Promise<Area> {
    if (!actor.isAdmin) throw new AccessDenied("Only an admin can add an area.");
    const area = parseInput(areaInputSchema, input);
    return this.repository.transaction(async (repository) => {
      const existing = (await repository.listAreas()).find((known) => known.code === area.code);
      if (existing)
        throw new InvalidInput([`code: an area with code ${area.code} already exists (${existing.name})`]);
      const created = await repository.createArea(area);
      await repository.recordAudit(this.audit(actor, "area.added", "Area", created.id, null, created));
      return created;
    });
  }

  async addOrganisation(actor: Actor, input: z.input<typeof organisationInputSchema>): Promise<Organisation> {
    if (!actor.isAdmin) throw new AccessDenied("Only an admin can add an organisation.");
    const organisation = parseInput(organisationInputSchema, input);
    return this.repository.transaction(async (repository) => {
      const existing = (await repository.listOrganisations()).find(
        (known) => known.name.toLowerCase() === organisation.name.toLowerCase(),
      );
      if (existing) throw new InvalidInput([`name: ${existing.name} is already in the register`]);
      const created = await repository.createOrganisation(organisation);
      await repository.recordAudit(
        this.audit(actor, "organisation.added", "Organisation", created.id, null, created),
      );
      return created;
    });
  }

  /** Adds a new entry; refuses an email already in the register. */
  async addContact(actor: Actor, input: ContactInput): Promise<Contact> {
    const valid = parseInput(contactInputSchema, input);
    return this.repository.transaction(async (repository) => {
      if (await repository.findContactByEmail(valid.email)) {
        throw new InvalidInput([
          `email: ${valid.email} is already in the register; update that entry instead`,
        ]);
      }
      return (await this.save(repository, actor, valid)).contact;
    });
  }

  /** Replaces an existing entry's details with `input`. */
  async updateContact(
    actor: Actor,
    email: string,
    input: ContactInput,
  ): Promise<{ outcome: SaveOutcome; contact: Contact }> {
    const valid = parseInput(contactInputSchema, input);
    return this.repository.transaction(async (repository) => {
      const existing = await repository.findContactByEmail(email.trim().toLowerCase());
      if (!existing) throw new NotFound(`Nobody with the email ${email} is in the register.`);
      if (existing.email !== valid.email && (await repository.findContactByEmail(valid.email))) {
        throw new InvalidInput([`email: ${valid.email} is already used by another entry`]);
      }
      return this.save(repository, actor, valid, existing);
    });
  }

  /** Retires an entry: it stays for history but is no longer suggested, chased or listed. */
  async retireContact(actor: Actor, email: string): Promise<Contact> {
    return this.repository.transaction(async (repository) => {
      const existing = await this.requireContact(repository, email);
      this.assertMayEdit(actor, existing, existing);
      if (existing.retiredAt) return existing;
      const retired = await repository.setRetired(existing.id, this.now());
      await repository.recordAudit(
        this.audit(
          actor,
          "contact.retired",
          "Contact",
          existing.id,
          contactSnapshot(existing),
          contactSnapshot(retired),
        ),
      );
      return retired;
    });
  }

  /** Records that the entry was checked and is still right. A person may verify their own entry. */
  async markVerified(actor: Actor, email: string): Promise<Contact> {
    return this.repository.transaction(async (repository) => {
      const existing = await this.requireContact(repository, email);
      if (existing.retiredAt) throw new InvalidInput([`${existing.name} has retired from the register`]);
      if (actor.contactId !== existing.id) this.assertMayEdit(actor, existing, existing);
      const verified = await repository.setVerified(existing.id, this.now());
      await repository.recordAudit(
        this.audit(
          actor,
          "contact.verified",
          "Contact",
          existing.id,
          contactSnapshot(existing),
          contactSnapshot(verified),
        ),
      );
      return verified;
    });
  }

  /** The whole register, for export: an admin's (or an operator's) view only. */
  async listAll(actor: Actor, options: { includeRetired: boolean }): Promise<Contact[]> {
    if (!actor.isAdmin) throw new AccessDenied("Only an admin can export the whole register.");
    return this.repository.listContacts(options);
  }

  /** Entries not verified for the period: all of them for an admin, a coordinator's own areas otherwise. */
  async listUnverified(actor: Actor): Promise<Contact[]> {
    const cutoff = monthsBefore(this.now(), this.verifyEveryMonths);
    if (actor.isAdmin) return this.repository.listUnverifiedSince(cutoff);
    const areas = areasWhereActorIs(actor, "COORDINATOR");
    if (areas.length === 0)
      throw new AccessDenied("Only a coordinator or an admin can see which entries need checking.");
    return this.repository.listUnverifiedSince(cutoff, areas);
  }

  /**
   * Looks the register up by organisation, organisation kind, area, theme or person. A phrase that
   * matches nothing as a whole is tried word by word, keeping the entries every word matches
   * (`spoc fire Craven`: the fire service's people in Craven).
   */
  async lookup(actor: Actor, query: string): Promise<LookupResult> {
    if (!actor.isAdmin && actor.contactId === null)
      throw new AccessDenied("Only people in the register can look it up.");
    const text = query.trim().replace(/\s+/g, " ");
    if (text.length < 2)
      throw new InvalidInput(["Tell me what to look for: an organisation, area, theme or person."]);
    if (text.length > 100) throw new InvalidInput(["That search is too long; try a shorter word."]);
    const whole = await this.interpret(text);
    let found = await this.repository.searchContacts([whole.term], LOOKUP_LIMIT);
    let matchedOn = whole.matchedOn;
    const words = text.split(" ").filter((word) => word.length >= 2);
    if (found.total === 0 && words.length > 1) {
      const perWord = await Promise.all(words.map((word) => this.interpret(word)));
      found = await this.repository.searchContacts(
        perWord.map((word) => word.term),
        LOOKUP_LIMIT,
      );
      matchedOn = perWord.flatMap((word) => word.matchedOn);
    }
    const people = found.entries.some(
      (contact) =>
        contact.name.toLowerCase().includes(text.toLowerCase()) || contact.email.includes(text.toLowerCase()),
    );
    if (people) matchedOn.push(`names or emails containing "${text}"`);
    return { query: text, matchedOn, entries: found.entries, more: found.total - found.entries.length };
  }

  /** What one search term can mean: areas, organisations (by name or kind), a theme, or part of a name. */
  private async interpret(text: string): Promise<{ term: ContactSearch; matchedOn: string[] }> {
    const lower = text.toLowerCase();
    const matchedOn: string[] = [];
    const areas = (await this.repository.listAreas()).filter(
      (area) => area.code.toLowerCase() === lower || area.name.toLowerCase().includes(lower),
    );
    for (const area of areas) matchedOn.push(`area ${area.name} (${area.code})`);

    const kind = parseOrganisationKind(text);
    const organisations = (await this.repository.listOrganisations()).filter(
      (organisation) => organisation.name.toLowerCase().includes(lower) || organisation.kind === kind,
    );
    for (const organisation of organisations) matchedOn.push(`organisation ${organisation.name}`);

    const theme = parseTheme(text);
    if (theme) matchedOn.push(`theme ${THEMES[theme]?.label}`);
    return {
      term: {
        areaIds: areas.map((area) => area.id),
        organisationIds: organisations.map((organisation) => organisation.id),
        themes: theme ? [theme] : [],
        ...(text.length >= 3 ? { nameOrEmailContains: text } : {}),
      },
      matchedOn,
    };
  }

  /** Finds the register entry behind a chat user, by their linked id. */
  async findByChatUser(platform: "SLACK" | "TEAMS", userId: string): Promise<Contact | null> {
    const contact = await this.repository.findContactByChatUser(platform, userId);
    return contact && !contact.retiredAt ? contact : null;
  }

  /**
   * Links a chat user to the register entry with their email, so later messages find them by id.
   * Returns null when the email is not an active entry. The link is audited like any change.
   */
  async linkChatUser(platform: "SLACK" | "TEAMS", userId: string, email: string): Promise<Contact | null> {
    return this.repository.transaction(async (repository) => {
      const contact = await repository.findContactByEmail(email.trim().toLowerCase());
      if (!contact || contact.retiredAt) return null;
      const previous = platform === "SLACK" ? contact.slackUserId : contact.teamsUserId;
      if (previous === userId) return contact;
      const linked = await repository.setChatUser(contact.id, platform, userId, previous);
      // Another request linked them meanwhile: theirs stands, and this one reads it.
      if (!linked) return repository.findContactByEmail(contact.email);
      await repository.recordAudit({
        actorId: contact.id,
        actorLabel: `${platform.toLowerCase()}:${userId}`,
        verb: "contact.linked",
        entityType: "Contact",
        entityId: contact.id,
        before: contactSnapshot(contact),
        after: contactSnapshot(linked),
      });
      return linked;
    });
  }

  async findByEmail(email: string): Promise<Contact | null> {
    return this.repository.findContactByEmail(email.trim().toLowerCase());
  }

  /**
   * Imports rows, matched on email: new emails are added, changed entries updated, the rest left alone.
   * Every row is checked before anything is written; with any bad row nothing is written, unless
   * `skipInvalid`, which writes the good rows and reports the rest. `dryRun` only checks: it reports
   * the rejected rows, leaves the counts at 0 and writes nothing.
   */
  async importContacts(
    actor: Actor,
    rows: ImportRow[],
    options: { skipInvalid?: boolean; dryRun?: boolean } = {},
  ): Promise<ImportReport> {
    const rejected: ImportReport["rejected"] = [];
    const valid: { line: number; input: ValidContactInput }[] = [];
    const firstLineOfEmail = new Map<string, number>();
    for (const row of rows) {
      const parsed = contactInputSchema.safeParse(row.input);
      if (!parsed.success) {
        rejected.push({ line: row.line, problems: describeIssues(parsed.error) });
        continue;
      }
      const earlier = firstLineOfEmail.get(parsed.data.email);
      if (earlier !== undefined) {
        rejected.push({
          line: row.line,
          problems: [`email: ${parsed.data.email} is already on line ${earlier}`],
        });
        continue;
      }
      firstLineOfEmail.set(parsed.data.email, row.line);
      valid.push({ line: row.line, input: parsed.data });
    }

    return this.repository.transaction(async (repository) => {
      const areas = await repository.listAreas();
      const organisations = await repository.listOrganisations();
      const known = { areas, organisations };
      // One read for every entry the file names, instead of one per row.
      const before = new Map(
        (await repository.findContactsByEmails(valid.map((row) => row.input.email))).map((contact) => [
          contact.email,
          contact,
        ]),
      );
      const accepted: typeof valid = [];
      for (const row of valid) {
        const problems = this.referenceProblems(row.input, areas, organisations);
        const deputy = row.input.deputyEmail;
        if (deputy && deputy === row.input.email)
          problems.push("deputyEmail: a person cannot be their own deputy");
        else if (deputy && !firstLineOfEmail.has(deputy) && !(await repository.findContactByEmail(deputy))) {
          problems.push(`deputyEmail: ${deputy} is not in the register or in this file`);
        }
        if (problems.length === 0) {
          const existing = before.get(row.input.email) ?? null;
          const accessProblem = this.accessProblem(actor, existing, this.areaIdsOf(row.input, areas));
          if (accessProblem) problems.push(accessProblem);
        }
        if (problems.length > 0) rejected.push({ line: row.line, problems });
        else accepted.push(row);
      }
      rejected.sort((a, b) => a.line - b.line);
      const report: ImportReport = { added: 0, updated: 0, unchanged: 0, rejected, written: false };
      if (options.dryRun || (rejected.length > 0 && !options.skipInvalid)) return report;

      // Deputies may name people later in the file: save everyone first, then link deputies.
      const acceptedEmails = new Set(accepted.map((row) => row.input.email));
      const outcomes = new Map<string, SaveOutcome>();
      for (const row of accepted) {
        const pending = row.input.deputyEmail && acceptedEmails.has(row.input.deputyEmail);
        const first = pending ? { ...row.input, deputyEmail: undefined } : row.input;
        const saved = await this.save(repository, actor, first, before.get(row.input.email), {
          keepDeputy: Boolean(pending),
          known,
        });
        outcomes.set(row.input.email, saved.outcome);
      }
      for (const row of accepted) {
        if (!row.input.deputyEmail || !acceptedEmails.has(row.input.deputyEmail)) continue;
        const existing = await repository.findContactByEmail(row.input.email);
        const saved = await this.save(repository, actor, row.input, existing ?? undefined, { known });
        if (saved.outcome === "updated" && outcomes.get(row.input.email) === "unchanged") {
          outcomes.set(row.input.email, "updated");
        }
      }
      for (const outcome of outcomes.values()) report[outcome] += 1;
      report.written = true;
      return report;
    });
  }

  private async save(
    repository: RegisterRepository,
    actor: Actor,
    input: ValidContactInput,
    existing?: Contact,
    options: { keepDeputy?: boolean; known?: { areas: Area[]; organisations: Organisation[] } } = {},
  ): Promise<{ outcome: SaveOutcome; contact: Contact }> {
    const areas = options.known?.areas ?? (await repository.listAreas());
    const organisations = options.known?.organisations ?? (await repository.listOrganisations());
    const problems = this.referenceProblems(input, areas, organisations);
    if (problems.length > 0) throw new InvalidInput(problems);
    const areaIds = this.areaIdsOf(input, areas);
    const accessProblem = this.accessProblem(actor, existing ?? null, areaIds);
    if (accessProblem) throw new AccessDenied(accessProblem);

    let deputyId: string | null = options.keepDeputy ? (existing?.deputy?.id ?? null) : null;
    if (input.deputyEmail) {
      const deputy = await repository.findContactByEmail(input.deputyEmail);
      if (!deputy) throw new InvalidInput([`deputyEmail: ${input.deputyEmail} is not in the register`]);
      if (existing && deputy.id === existing.id)
        throw new InvalidInput(["deputyEmail: a person cannot be their own deputy"]);
      deputyId = deputy.id;
    }
    const organisation = organisations.find(
      (known) => known.name.toLowerCase() === input.organisation.toLowerCase(),
    ) as Organisation;
    const fields: ContactFields = {
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      organisationId: organisation.id,
      deputyId,
      memberships: areaIds.flatMap((areaId) => input.roles.map((role) => ({ areaId, role }))),
      themes: [...new Set(input.themes ?? [])],
      slackUserId: input.slackUserId ?? existing?.slackUserId ?? null,
      teamsUserId: input.teamsUserId ?? existing?.teamsUserId ?? null,
      preferredPlatform: input.preferredPlatform ?? null,
      isAdmin: existing?.isAdmin ?? false,
      // A new entry is vouched for by whoever adds it; an update keeps the last verification unless given.
      verifiedAt: input.verifiedOn ?? existing?.verifiedAt ?? this.now(),
    };
    if (!existing) {
      const created = await repository.createContact(fields);
      await repository.recordAudit(
        this.audit(actor, "contact.added", "Contact", created.id, null, contactSnapshot(created)),
      );
      return { outcome: "added", contact: created };
    }
    if (sameFields(fieldsOf(existing), fields) && !existing.retiredAt)
      return { outcome: "unchanged", contact: existing };
    const updated = await repository.updateContact(existing.id, fields);
    // Saving a retired person's entry again brings them back into the register.
    const current = existing.retiredAt ? await repository.setRetired(existing.id, null) : updated;
    await repository.recordAudit(
      this.audit(
        actor,
        "contact.updated",
        "Contact",
        existing.id,
        contactSnapshot(existing),
        contactSnapshot(current),
      ),
    );
    return { outcome: "updated", contact: current };
  }

  private referenceProblems(
    input: ValidContactInput,
    areas: Area[],
    organisations: Organisation[],
  ): string[] {
    const problems: string[] = [];
    for (const code of input.areas) {
      if (!areas.some((area) => area.code === code || area.name.toUpperCase() === code)) {
        problems.push(`areas: ${code} is not an area (known: ${areas.map((area) => area.code).join(", ")})`);
      }
    }
    if (!organisations.some((known) => known.name.toLowerCase() === input.organisation.toLowerCase())) {
      problems.push(
        `organisation: "${input.organisation}" is not in the register; an admin adds organisations first`,
      );
    }
    return problems;
  }

  private areaIdsOf(input: ValidContactInput, areas: Area[]): string[] {
    const ids = input.areas
      .map((code) => areas.find((area) => area.code === code || area.name.toUpperCase() === code)?.id)
      .filter((id): id is string => id !== undefined);
    return [...new Set(ids)];
  }

  /** Admins change any entry; a coordinator changes entries in their areas and adds or removes only those areas. */
  private accessProblem(actor: Actor, existing: Contact | null, newAreaIds: string[]): string | undefined {
    if (actor.isAdmin) return undefined;
    const coordinated = new Set(areasWhereActorIs(actor, "COORDINATOR"));
    if (coordinated.size === 0) return "Only a coordinator or an admin can change the register.";
    const oldAreaIds = existing ? existing.memberships.map((membership) => membership.area.id) : [];
    const changed = [
      ...newAreaIds.filter((id) => !oldAreaIds.includes(id)),
      ...oldAreaIds.filter((id) => !newAreaIds.includes(id)),
    ];
    const inMine = [...oldAreaIds, ...newAreaIds].some((id) => coordinated.has(id));
    if (!inMine || changed.some((id) => !coordinated.has(id))) {
      return "You can change register entries only in the areas you coordinate.";
    }
    return undefined;
  }

  private assertMayEdit(actor: Actor, existing: Contact, after: Contact): void {
    const problem = this.accessProblem(
      actor,
      existing,
      after.memberships.map((membership) => membership.area.id),
    );
    if (problem) throw new AccessDenied(problem);
  }

  private async requireContact(repository: RegisterRepository, email: string): Promise<Contact> {
    const contact = await repository.findContactByEmail(email.trim().toLowerCase());
    if (!contact) throw new NotFound(`Nobody with the email ${email} is in the register.`);
    return contact;
  }

  private audit(
    actor: Actor,
    verb: string,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ) {
    return { actorId: actor.contactId, actorLabel: actor.label, verb, entityType, entityId, before, after };
  }
}
