// What the accountability outputs read: problems and actions over a period, with only the fields
// an anonymised export or a public summary may use, plus the personal details to scrub from text.
import type { Classification, ProblemCategory } from "../problems/model.js";
import type { Priority } from "../problems/priority.js";
import type { ProblemStatus } from "../problems/status.js";
import type { AuditEntry, OrganisationKind } from "../register/model.js";

export interface PeriodQuery {
  /** First and last calendar day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** Only these areas' problems; all areas when absent. */
  areaIds?: string[];
}

export interface PeriodProblem {
  ref: string;
  area: { id: string; code: string; name: string };
  postcodeOutward: string | null;
  category: ProblemCategory;
  priority: Priority;
  status: ProblemStatus;
  classification: Classification;
  repeatLocation: boolean;
  repeatVictim: boolean;
  repeatOffender: boolean;
  /** YYYY-MM-DD, as the LDG's clock read it. */
  openedOn: string;
  closedOn: string | null;
  partners: { name: string; kind: OrganisationKind }[];
  outcome: string | null;
  assessment: string | null;
  /** The problem's recorded personal details: never output, only scrubbed from its free text. */
  personalDetails: string[];
}

export interface PeriodAction {
  area: { id: string; code: string; name: string };
  organisationKind: OrganisationKind;
  organisationName: string;
  /** YYYY-MM-DD */
  dueOn: string;
  doneOn: string | null;
}

export interface AccountabilityRepository {
  listAreas(): Promise<{ id: string; code: string; name: string }[]>;
  /** Problems open at any time in the period: raised by its end, not closed before its start. */
  problemsOpenDuring(query: PeriodQuery): Promise<PeriodProblem[]>;
  /** Actions due in the period that were not cancelled. */
  actionsDueIn(query: PeriodQuery): Promise<PeriodAction[]>;
  /** Names of everyone in the register: scrubbed from free text that goes outside the partnership. */
  contactNames(): Promise<string[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
}
