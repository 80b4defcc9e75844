// What the email channel keeps: the links it has issued, and the addresses mail servers refused.
import type { Intent } from "../chat/message.js";

export interface IssuedLink {
  id: string;
  contactId: string;
  intent: Intent;
  target: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface EmailLinkStore {
  issue(links: Omit<IssuedLink, "usedAt">[]): Promise<void>;
  find(id: string): Promise<IssuedLink | null>;
  /** Marks the link used at `at` if it is unused and unexpired; false when it is not (another request won). */
  claim(id: string, at: Date): Promise<boolean>;
  /** Gives a claimed link back, when what it asked for did not happen (a form with a mistake). */
  release(id: string): Promise<void>;
  /** Records a refused address against the contact, with the server's words, and audits it. */
  recordBounce(contactId: string, reason: string, at: Date): Promise<void>;
}
