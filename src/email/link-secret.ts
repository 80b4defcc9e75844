// LINK_SECRET for local mode, where nobody has set one: made once and kept beside the SQLite file,
// readable by its owner only, so links in emails already sent keep working after a restart.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const FILE_NAME = "email-link-secret";

/** `databaseUrl` is a SQLite file URL such as file:./data/ldg.db. */
export function localLinkSecret(databaseUrl: string): string {
  const file = path.join(path.dirname(databaseUrl.replace(/^file:/, "")), FILE_NAME);
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
