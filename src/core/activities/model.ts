// The activity log as the core sees it: an officer's prevention work and the agencies it served,
// in plain data. The pilot's evaluation counts this work per funding partner, so every activity
// names the agencies it was done for.
import type { AuditEntry, OrganisationKind } from "../register/model.js";

export type ActivityKind =
  | "SAFE_AND_WELL_VISIT"
  | "HOME_FIRE_SAFETY_CHECK"
  | "NEIGHBOURHOOD_ENQUIRY"
  | "REFERRAL"
  | "SIGNPOSTING"
  | "OTHER";

/** Each kind in the words people use for it. */
export const ACTIVITY_KINDS: Record<ActivityKind, string> = {
  SAFE_AND_WELL_VISIT: "safe and well visit",
  HOME_FIRE_SAFETY_CHECK: "home fire safety check",
  NEIGHBOURHOOD_ENQUIRY: "neighbourhood enquiry",
  REFERRAL: "referral",
  SIGNPOSTING: "signposting",
  OTHER: "other",
};

/** What an officer logs: one piece of work, done on one calendar day, for one or more agencies. */
export interface NewActivity {
  officerId: string;
  /** The area the officer works in, when they are an officer in exactly one; otherwise null. */
  areaId: string | null;
  kind: ActivityKind;
  /** At least one, no repeats. */
  agencies: OrganisationKind[];
  /** A calendar day, YYYY-MM-DD. */
  occurredOn: string;
  note: string | null;
}

export interface Activity extends NewActivity {
  id: string;
  createdAt: Date;
}

/** How many activities served one agency in one calendar month. */
export interface AgencyMonthCount {
  /** YYYY-MM */
  month: string;
  agency: OrganisationKind;
  count: number;
}

/** Whose activity a reader may count: everything, or that in some areas plus an officer's own. */
export type ActivityVisibility = "everything" | { areaIds: string[]; officerId: string | null };

export interface ActivityCountFilter {
  /** First and last calendar day counted, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  visibleTo: ActivityVisibility;
  /** Only activity in this area (on top of what is visible). */
  areaId?: string;
}

/** The activity log's storage, as the core needs it. `transaction` runs `work` atomically. */
export interface ActivityRepository {
  transaction<T>(work: (repository: ActivityRepository) => Promise<T>): Promise<T>;
  createActivity(activity: NewActivity): Promise<Activity>;
  /** Counted in the store, by month and agency, in month then agency order. */
  countByAgencyAndMonth(filter: ActivityCountFilter): Promise<AgencyMonthCount[]>;
  /** An officer's latest activities: the most recent day first, then the most recently logged. */
  listByOfficer(officerId: string, limit: number): Promise<Activity[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
}
