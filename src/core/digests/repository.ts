// What the digests read, as plain data. Windows are [from, to) instants, or calendar days where the
// record is a day (due dates, logged activities).
import type { MeetingKind } from "../meetings/model.js";
import type { OutboxEntry } from "../outbox.js";
import type { Classification, ProblemCategory } from "../problems/model.js";
import type { Priority } from "../problems/priority.js";
import type { AuditEntry, OrganisationKind } from "../register/model.js";

export interface DigestArea {
  id: string;
  code: string;
  name: string;
  board: string;
}

export interface Headline {
  ref: string;
  title: string;
  priority: Priority;
  classification: Classification;
}

/** The channels this bot delivers on: someone none of them reaches is flagged in the weekly digest. */
export interface DeliveryChannels {
  slack: boolean;
  teams: boolean;
  email: boolean;
}

export interface DigestRepository {
  findArea(codeOrName: string): Promise<DigestArea | null>;
  areas(): Promise<DigestArea[]>;
  /** Active contacts with the role in the area. */
  contactIdsWithRole(areaId: string, role: "COORDINATOR" | "BOARD_MEMBER"): Promise<string[]>;
  problemsCreated(
    areaId: string,
    from: Date,
    to: Date,
  ): Promise<(Headline & { category: ProblemCategory })[]>;
  openProblemCounts(
    areaId: string,
  ): Promise<{ priority: Priority; category: ProblemCategory; count: number }[]>;
  overdueByOrganisation(
    areaId: string,
    beforeDay: string,
  ): Promise<{ organisationName: string; count: number; oldestDueOn: string }[]>;
  meetings(
    areaId: string,
    from: Date,
    to: Date,
  ): Promise<{ startsAt: Date; kind: MeetingKind; refs: string[] }[]>;
  declined(areaId: string): Promise<(Headline & { actionText: string; organisationName: string })[]>;
  /** Stale entries, each with its open register check (asked when; a successor awaited) if it has one. */
  unverified(
    areaId: string,
    before: Date,
  ): Promise<
    {
      name: string;
      organisationName: string;
      verifiedAt: Date | null;
      openCheck: { askedAt: Date; successorName: string | null } | null;
    }[]
  >;
  closed(areaId: string, from: Date, to: Date): Promise<(Headline & { outcome: string | null })[]>;
  /**
   * Active contacts in the area that no channel reaches: no Slack id (or no Slack), no personal chat
   * with the bot in Teams, and an email address that bounced (or no email channel).
   */
  unreachable(
    areaId: string,
    channels: DeliveryChannels,
  ): Promise<{ name: string; organisationName: string }[]>;
  /** Records whether the contact's digests go by email, audited with what it was before, in one transaction. */
  setDigestByEmail(
    contactId: string,
    on: boolean,
    audit: Pick<AuditEntry, "actorId" | "actorLabel">,
  ): Promise<void>;
  escalated(areaIds: string[]): Promise<(Headline & { areaId: string; reason: string | null })[]>;
  /** Open actions due before `beforeDay`, oldest first: the first `limit`, and how many in all. */
  overdueActions(
    areaIds: string[],
    beforeDay: string,
    limit: number,
  ): Promise<{
    actions: (Headline & { areaId: string; organisationName: string; actionText: string; dueOn: string })[];
    total: number;
  }>;
  /** Actions done in [from, to), with the kind of agency that did them. */
  doneActions(
    areaIds: string[],
    from: Date,
    to: Date,
  ): Promise<{ dueOn: string; doneAt: Date; agency: OrganisationKind }[]>;
  /** Problems open at some time in [from, to]: raised by `to`, and not closed before `from`. */
  problemsOpenDuring(
    areaIds: string[],
    from: Date,
    to: Date,
  ): Promise<{ priority: Priority; createdAt: Date; closedAt: Date | null }[]>;
  closedProblemAges(areaId: string, from: Date, to: Date): Promise<{ createdAt: Date; closedAt: Date }[]>;
  activityByAgency(
    areaId: string,
    fromDay: string,
    toDay: string,
  ): Promise<{ agency: OrganisationKind; count: number }[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<void>;
}
