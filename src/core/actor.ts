// Who is acting. Every use case takes one, and decides access from it.
import type { AreaRole, Contact } from "./register/model.js";

export interface Actor {
  /** The register entry of the person acting; null for the system and operators' command-line tools. */
  contactId: string | null;
  label: string;
  isAdmin: boolean;
  organisationId: string | null;
  memberships: { areaId: string; areaCode: string; role: AreaRole }[];
}

export function actorFromContact(contact: Contact): Actor {
  return {
    contactId: contact.id,
    label: `${contact.name} <${contact.email}>`,
    isAdmin: contact.isAdmin,
    organisationId: contact.organisation.id,
    memberships: contact.memberships.map((membership) => ({
      areaId: membership.area.id,
      areaCode: membership.area.code,
      role: membership.role,
    })),
  };
}

/** An operator on the server (command-line tools, demo loading): acts with an admin's rights. */
export function operatorActor(label: string): Actor {
  return { contactId: null, label, isAdmin: true, organisationId: null, memberships: [] };
}

/** The person's name as the register has it, without the email the label carries. */
export function actorName(actor: Actor): string {
  return actor.label.replace(/ <.*>$/, "");
}

export function areasWhereActorIs(actor: Actor, role: AreaRole): string[] {
  return actor.memberships
    .filter((membership) => membership.role === role)
    .map((membership) => membership.areaId);
}
