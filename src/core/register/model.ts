// The register as the core sees it: plain data, no database types.

export type OrganisationKind =
  | "POLICE"
  | "FIRE"
  | "AMBULANCE"
  | "DISTRICT_COUNCIL"
  | "COUNTY_COUNCIL"
  | "UNITARY_COUNCIL"
  | "HEALTH"
  | "HOUSING"
  | "PROBATION"
  | "YOUTH_JUSTICE"
  | "VICTIM_SUPPORT"
  | "VOLUNTARY"
  | "OTHER";

/** What a person does for the LDG in one area; a person may hold several roles in several areas. */
export type AreaRole = "SPOC" | "DEPUTY" | "OFFICER" | "COORDINATOR" | "BOARD_MEMBER";

export type Platform = "SLACK" | "TEAMS" | "EMAIL";

export interface Area {
  id: string;
  code: string;
  name: string;
  board: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

export interface Membership {
  area: Area;
  role: AreaRole;
}

export interface Contact {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  organisation: Organisation;
  deputy: { id: string; name: string; email: string } | null;
  memberships: Membership[];
  themes: string[];
  slackUserId: string | null;
  teamsUserId: string | null;
  preferredPlatform: Platform | null;
  isAdmin: boolean;
  verifiedAt: Date | null;
  retiredAt: Date | null;
  /** On leave until this day (YYYY-MM-DD), back on it; null when not away. */
  awayUntil: string | null;
}

/** Everything a register entry holds, by id: what the repository writes. */
export interface ContactFields {
  name: string;
  email: string;
  phone: string | null;
  organisationId: string;
  deputyId: string | null;
  memberships: { areaId: string; role: AreaRole }[];
  themes: string[];
  slackUserId: string | null;
  teamsUserId: string | null;
  preferredPlatform: Platform | null;
  isAdmin: boolean;
  verifiedAt: Date | null;
}

/** One search term: an entry matches when it is in any of these organisations, areas or themes, or its name or email contains the text. */
export interface ContactSearch {
  organisationIds?: string[];
  areaIds?: string[];
  themes?: string[];
  nameOrEmailContains?: string;
}

export interface AuditEntry {
  actorId: string | null;
  actorLabel: string;
  verb: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The register's storage, as the core needs it. `transaction` runs `work` atomically. */
export interface RegisterRepository {
  transaction<T>(work: (repository: RegisterRepository) => Promise<T>): Promise<T>;
  listAreas(): Promise<Area[]>;
  listOrganisations(): Promise<Organisation[]>;
  createArea(area: Omit<Area, "id">): Promise<Area>;
  createOrganisation(organisation: Omit<Organisation, "id">): Promise<Organisation>;
  findContactByEmail(email: string): Promise<Contact | null>;
  findContactById(id: string): Promise<Contact | null>;
  findContactsByEmails(emails: string[]): Promise<Contact[]>;
  /** Every entry in organisation and name order; retired ones too when asked. */
  listContacts(options: { includeRetired: boolean }): Promise<Contact[]>;
  findContactByChatUser(platform: "SLACK" | "TEAMS", userId: string): Promise<Contact | null>;
  /** Active entries matching every term, the first `limit` in organisation and name order, and how many match. */
  searchContacts(terms: ContactSearch[], limit: number): Promise<{ entries: Contact[]; total: number }>;
  /** Active entries last verified before `before` (or never), optionally only in these areas. */
  listUnverifiedSince(before: Date, areaIds?: string[]): Promise<Contact[]>;
  createContact(fields: ContactFields): Promise<Contact>;
  updateContact(id: string, fields: ContactFields): Promise<Contact>;
  setRetired(id: string, retiredAt: Date | null): Promise<Contact>;
  setVerified(id: string, verifiedAt: Date): Promise<Contact>;
  /**
   * Links a chat user to the entry if its link is still `previous` (as the caller read it); null
   * when another request changed it meanwhile, and nothing was written.
   */
  setChatUser(
    id: string,
    platform: "SLACK" | "TEAMS",
    userId: string,
    previous: string | null,
  ): Promise<Contact | null>;
  recordAudit(entry: AuditEntry): Promise<void>;
}
