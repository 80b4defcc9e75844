// Finds the actions in a meeting's notes. A line that starts with ACTION (in capitals) is one:
//
//   ACTION <organisation>: <what is to be done> by <due date>
//
// e.g. "ACTION fire: fit smoke alarms at 12 High St by 5/12". The organisation is one of the
// problem's partners, by its name in the register or its kind ("police", "fire", "ambulance",
// "housing"...); the due date is read later, like any action's. Every other line is left alone.
import type { Partner } from "../problems/model.js";
import { parseOrganisationKind } from "../register/vocabulary.js";

export const ACTION_LINE_SYNTAX = "ACTION <organisation>: <what is to be done> by <due date>";

const ACTION_LINE = /^ACTION\b:?\s*/;
// The text runs to the last " by ", so "drop by the office by Friday" keeps its first "by".
const ACTION_PARTS = /^([^:]+):\s*(.+)\s+by\s+(\S.*)$/i;

export interface NoteAction {
  /** "line 4", for messages about it. */
  label: string;
  organisation: string;
  text: string;
  due: string;
}

export interface NoteActionsResult {
  actions: NoteAction[];
  /** Each ACTION line that could not be read, and why. */
  problems: string[];
}

/** Every ACTION line read, and each that could not be, named with why. */
export function readNoteActions(notes: string, partners: Partner[]): NoteActionsResult {
  const actions: NoteAction[] = [];
  const problems: string[] = [];
  notes.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!ACTION_LINE.test(line)) return;
    const label = `line ${index + 1}`;
    const parts = ACTION_PARTS.exec(line.replace(ACTION_LINE, ""));
    if (!parts) {
      problems.push(`${label} ("${line}") does not read as ${ACTION_LINE_SYNTAX}`);
      return;
    }
    const [, named = "", text = "", due = ""] = parts;
    const organisation = partnerNamed(named.trim(), partners);
    if (!organisation.ok) {
      problems.push(`${label}: ${organisation.message}`);
      return;
    }
    actions.push({ label, organisation: organisation.name, text: text.trim(), due: due.trim() });
  });
  return { actions, problems };
}

function partnerNamed(
  word: string,
  partners: Partner[],
): { ok: true; name: string } | { ok: false; message: string } {
  const byName = partners.find((partner) => partner.organisationName.toLowerCase() === word.toLowerCase());
  if (byName) return { ok: true, name: byName.organisationName };
  const kind = parseOrganisationKind(word);
  const ofKind = kind ? partners.filter((partner) => partner.organisationKind === kind) : [];
  const only = ofKind[0];
  if (ofKind.length === 1 && only) return { ok: true, name: only.organisationName };
  const names = (ofKind.length > 1 ? ofKind : partners).map((partner) => partner.organisationName);
  return {
    ok: false,
    message:
      ofKind.length > 1
        ? `"${word}" could be ${names.join(" or ")}; write the organisation's name`
        : `"${word}" is not a partner on this problem; use one of: ${names.join(", ") || "(no partners yet)"}`,
  };
}
