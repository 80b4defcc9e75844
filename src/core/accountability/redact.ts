// Free text (outcomes, assessments) made fit to leave the partnership: the problem's own recorded
// personal details, the register's names, and the usual identifiers are removed.

const REMOVED = "[removed]";

/** Identifiers found by their shape; applied before the known terms, which could split them. */
const IDENTIFIERS: [RegExp, (match: string, ...groups: string[]) => string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, () => REMOVED],
  // Phone numbers: 10 or more digits, with spaces or dashes between.
  [/\+?\d(?:[\s-]?\d){9,}/g, () => REMOVED],
  // A full UK postcode keeps only its outward part (the district), as the exports do.
  [/\b([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}\b/gi, (_match, outward) => (outward as string).toUpperCase()],
];

/** Phrases that point at a person or a home, applied last. */
const PHRASES: RegExp[] = [
  // A title and a name: "Mrs Smith", "Dr. A Jones".
  /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'-]+/g,
  // House numbers and flats: "no. 4", "flat 2", "number 12".
  /\b(?:no\.?|number|flat|apartment|house)\s*\d+[a-z]?\b/gi,
];

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Capitalised words of three letters or more from the known personal details ("Mill Court",
 * "Smith"), and each known detail whole: any of them in the text is removed.
 */
function knownTerms(known: string[]): string[] {
  const terms = new Set<string>();
  for (const detail of known) {
    const whole = detail.trim();
    if (whole.length >= 3) terms.add(whole);
    for (const word of whole.match(/\b[A-Z][A-Za-z'-]{2,}\b/g) ?? []) terms.add(word);
  }
  // Longest first, so a whole detail goes before the words inside it.
  return [...terms].sort((a, b) => b.length - a.length);
}

export function redactPersonalDetails(text: string, known: string[]): string {
  let redacted = text;
  for (const [pattern, replace] of IDENTIFIERS) {
    redacted = redacted.replace(pattern, replace as (match: string) => string);
  }
  for (const term of knownTerms(known)) {
    redacted = redacted.replace(new RegExp(`\\b${escapeForPattern(term)}\\b`, "gi"), REMOVED);
  }
  for (const pattern of PHRASES) redacted = redacted.replace(pattern, REMOVED);
  return redacted
    .replace(/(?:\[removed\][\s,]*){2,}/g, `${REMOVED} `)
    .replace(/\s+/g, " ")
    .trim();
}
