// `spoc <query>`: the register look-up, as a message.
import type { Block, ChatMessage } from "../../chat/message.js";
import type { Contact } from "../register/model.js";
import type { LookupResult } from "../register/register.js";
import { AREA_ROLES, ORGANISATION_KINDS, THEMES } from "../register/vocabulary.js";

function describeEntry(contact: Contact): Block {
  const rolesByArea = new Map<string, string[]>();
  for (const membership of contact.memberships) {
    const roles = rolesByArea.get(membership.area.name) ?? [];
    roles.push(AREA_ROLES[membership.role]);
    rolesByArea.set(membership.area.name, roles);
  }
  const facts = [
    {
      label: "Organisation",
      value: `${contact.organisation.name} (${ORGANISATION_KINDS[contact.organisation.kind]})`,
    },
    {
      label: "Role",
      value: [...rolesByArea].map(([area, roles]) => `${roles.join(" and ")} for ${area}`).join("; "),
    },
    { label: "Email", value: contact.email },
  ];
  if (contact.phone) facts.push({ label: "Phone", value: contact.phone });
  if (contact.themes.length > 0) {
    facts.push({
      label: "Themes",
      value: contact.themes.map((theme) => THEMES[theme]?.label ?? theme).join(", "),
    });
  }
  if (contact.deputy)
    facts.push({ label: "Deputy", value: `${contact.deputy.name} (${contact.deputy.email})` });
  return { kind: "facts", facts: [{ label: "Name", value: contact.name }, ...facts] };
}

export function lookupMessage(result: LookupResult): ChatMessage {
  if (result.entries.length === 0) {
    const text =
      `I found nobody in the register for "${result.query}". ` +
      "Try an organisation (spoc police), an area (spoc Craven), a theme (spoc safeguarding) or a name.";
    return { summary: text, blocks: [{ kind: "text", text }] };
  }
  const count = result.entries.length + result.more;
  const summary = `${count} ${count === 1 ? "entry" : "entries"} in the register for "${result.query}"`;
  const blocks: Block[] = [
    { kind: "heading", text: `Register: ${result.query}` },
    { kind: "text", text: `Matched on ${result.matchedOn.join(", ")}.` },
  ];
  for (const contact of result.entries) blocks.push({ kind: "divider" }, describeEntry(contact));
  if (result.more > 0) {
    blocks.push({
      kind: "text",
      text: `…and ${result.more} more. Add a word to narrow it down, e.g. "spoc fire Craven".`,
    });
  }
  return { summary, blocks };
}
