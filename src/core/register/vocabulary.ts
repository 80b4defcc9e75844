// The register's fixed vocabularies (organisation kinds, roles in an area, themes) and the words
// people type for them. Each parser returns undefined for a word it does not know.
import type { AreaRole, OrganisationKind } from "./model.js";

export const ORGANISATION_KINDS: Record<OrganisationKind, string> = {
  POLICE: "police",
  FIRE: "fire and rescue",
  AMBULANCE: "ambulance",
  DISTRICT_COUNCIL: "district council",
  COUNTY_COUNCIL: "county council",
  UNITARY_COUNCIL: "unitary council",
  HEALTH: "health",
  HOUSING: "housing",
  PROBATION: "probation",
  YOUTH_JUSTICE: "youth justice",
  VICTIM_SUPPORT: "victim support",
  VOLUNTARY: "voluntary",
  OTHER: "other",
};

export const AREA_ROLES: Record<AreaRole, string> = {
  SPOC: "SPOC",
  DEPUTY: "deputy",
  OFFICER: "officer",
  COORDINATOR: "coordinator",
  BOARD_MEMBER: "board member",
};

/** Themes a contact covers, keyed by the slug stored; each with the other words people use for it. */
export const THEMES: Record<string, { label: string; aliases: string[] }> = {
  asb: {
    label: "anti-social behaviour",
    aliases: ["anti-social behaviour", "antisocial behaviour", "anti social behaviour"],
  },
  drugs: { label: "drugs", aliases: ["drug", "substance misuse", "county lines"] },
  exploitation: { label: "exploitation", aliases: ["cse", "cce", "modern slavery"] },
  "fire-safety": { label: "fire safety", aliases: ["fire", "fire risk", "arson"] },
  "road-safety": { label: "road safety", aliases: ["roads", "speeding"] },
  safeguarding: { label: "safeguarding", aliases: ["vulnerability", "safeguarding/vulnerability"] },
  environmental: { label: "environmental", aliases: ["environment", "fly-tipping", "fly tipping", "noise"] },
  "hate-crime": { label: "hate crime", aliases: ["hate"] },
  "mental-health": { label: "mental health", aliases: ["mh"] },
  housing: { label: "housing", aliases: ["homelessness"] },
  "domestic-abuse": { label: "domestic abuse", aliases: ["domestic violence", "da"] },
  youth: { label: "youth", aliases: ["young people", "youth justice"] },
  victims: { label: "victims", aliases: ["victim support", "victim care"] },
  offenders: { label: "offender management", aliases: ["offender management", "reoffending", "iom"] },
};

function normalise(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, " ");
}

export function parseTheme(word: string): string | undefined {
  const wanted = normalise(word);
  for (const [slug, theme] of Object.entries(THEMES)) {
    if (
      wanted === slug ||
      wanted === slug.replace(/-/g, " ") ||
      wanted === theme.label ||
      theme.aliases.includes(wanted)
    ) {
      return slug;
    }
  }
  return undefined;
}

export function parseOrganisationKind(word: string): OrganisationKind | undefined {
  const wanted = normalise(word);
  for (const [kind, label] of Object.entries(ORGANISATION_KINDS) as [OrganisationKind, string][]) {
    if (wanted === label || wanted === kind.toLowerCase().replace(/_/g, " ")) return kind;
  }
  return wanted === "fire" ? "FIRE" : undefined;
}

export function parseAreaRole(word: string): AreaRole | undefined {
  const wanted = normalise(word);
  for (const [role, label] of Object.entries(AREA_ROLES) as [AreaRole, string][]) {
    if (wanted === label.toLowerCase() || wanted === role.toLowerCase().replace(/_/g, " ")) return role;
  }
  return wanted === "board" ? "BOARD_MEMBER" : undefined;
}
