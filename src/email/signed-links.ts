// The token in an email link: a random id (the EmailLink row's key) and an HMAC-SHA256 of it under
// LINK_SECRET. The id alone says nothing; the signature means a link cannot be made up or altered,
// and the row makes it single-use and lets it expire.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const ID_BYTES = 16;
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

function signature(secret: string, id: string): Buffer {
  // The prefix keeps this secret's signatures apart from any other use of it.
  return createHmac("sha256", secret).update(`ldg-email-link:${id}`).digest();
}

export function newLinkId(): string {
  return randomBytes(ID_BYTES).toString("base64url");
}

export function signLinkToken(secret: string, id: string): string {
  return `${id}.${signature(secret, id).toString("base64url")}`;
}

/** The link's id when the token is well formed and signed with this secret, else null. */
export function verifyLinkToken(secret: string, token: string): string | null {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return null;
  const [, id, given] = match as unknown as [string, string, string];
  const expected = signature(secret, id);
  const actual = Buffer.from(given, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}
