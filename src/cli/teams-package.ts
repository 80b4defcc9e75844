// `npm run teams:package`: builds the Microsoft Teams app package (teams-app/build/ldg-bot.zip) from
// teams-app/manifest.template.json, the two icons and the environment (or .env).
//
// The Teams app's own id (TEAMS_APP_ID) defaults to a name-based UUID (version 5) derived from the bot's
// MICROSOFT_APP_ID: stable across builds, so a rebuilt package updates the installed app rather than
// adding a second one, and distinct from the bot id so the two are never confused in the admin centre.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { COMMANDS } from "../core/commands/catalogue.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const APP_FOLDER = path.join(ROOT, "teams-app");
const DEFAULT_OUTPUT = path.join(APP_FOLDER, "build", "ldg-bot.zip");
const ICONS = ["color.png", "outline.png"] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Teams accepts only MAJOR.MINOR.PATCH with no pre-release or build suffix.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST =
  /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const PLACEHOLDER = /\$\{([A-Z0-9_]+)\}/g;
const MAX_COMMANDS_PER_LIST = 10;
/**
 * Teams shows at most ten commands per menu, so each scope leaves out what matters least there
 * (typing them still works), and every command is on one menu or the other: a personal chat keeps
 * the person's own commands (actions, logged work, leave, digest, look-ups, raising, help) and leaves
 * the problem-solving ones to a problem card's buttons; a team or group chat keeps those (meetings,
 * attendance and notes among them), the coordinators' schedule and intake (typed in the channel it
 * is about).
 */
const PERSONAL_ONLY = ["help", "actions", "log", "digest", "away", "back", "spoc", "plan", "raise"];
const LEFT_OFF_THE_MENU: Record<string, string[]> = {
  personal: ["convene", "meeting", "attendance", "notes", "task", "escalate", "close", "schedule", "intake"],
  team: PERSONAL_ONLY,
  groupChat: PERSONAL_ONLY,
};
/** A fixed namespace for the v5 id derived from the bot id (any constant UUID will do; never change it). */
const APP_ID_NAMESPACE = "6f1c2b9e-3d4a-5e8f-9b7c-1a2d3e4f5a6b";

class PackageError extends Error {}

/** A UUID version 5 (RFC 9562): SHA-1 of namespace + name, with the version and variant bits set. */
function uuidV5(name: string, namespace: string = APP_ID_NAMESPACE): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name)
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** The values put into the template, from the environment, with defaults; throws PackageError. */
function packageSettings(env: NodeJS.ProcessEnv, packageVersion: string): Record<string, string> {
  const text = (name: string) => env[name]?.trim() || undefined;
  const botId = text("MICROSOFT_APP_ID");
  if (!botId) {
    throw new PackageError("MICROSOFT_APP_ID is not set: give the bot's Microsoft app (client) id, a GUID");
  }
  if (!GUID.test(botId)) throw new PackageError(`MICROSOFT_APP_ID "${botId}" is not a GUID`);
  const appId = text("TEAMS_APP_ID") ?? uuidV5(botId.toLowerCase());
  if (!GUID.test(appId)) throw new PackageError(`TEAMS_APP_ID "${appId}" is not a GUID`);
  const version = text("TEAMS_APP_VERSION") ?? packageVersion;
  if (!VERSION.test(version)) {
    throw new PackageError(`TEAMS_APP_VERSION "${version}" is not a version like 1.2.3`);
  }
  const domain = text("TEAMS_APP_DOMAIN") ?? "";
  if (domain && !HOST.test(domain)) {
    throw new PackageError(
      `TEAMS_APP_DOMAIN "${domain}" is not a host name (like ldg.example.org, no https://)`,
    );
  }
  const settings: Record<string, string> = {
    MICROSOFT_APP_ID: botId,
    TEAMS_APP_ID: appId,
    TEAMS_APP_VERSION: version,
    TEAMS_APP_DOMAIN: domain,
    TEAMS_DEVELOPER_NAME: text("TEAMS_DEVELOPER_NAME") ?? "Your partnership",
    TEAMS_DEVELOPER_URL: text("TEAMS_DEVELOPER_URL") ?? "https://example.org",
    TEAMS_PRIVACY_URL: text("TEAMS_PRIVACY_URL") ?? "https://example.org/privacy",
    TEAMS_TERMS_URL: text("TEAMS_TERMS_URL") ?? "https://example.org/terms",
  };
  for (const name of ["TEAMS_DEVELOPER_URL", "TEAMS_PRIVACY_URL", "TEAMS_TERMS_URL"]) {
    if (!isHttpsUrl(settings[name] as string)) {
      throw new PackageError(`${name} "${settings[name]}" is not an https:// address`);
    }
  }
  return settings;
}

/** Replaces ${NAME} in every string of the parsed template (values never touch the JSON syntax). */
function fill(value: unknown, settings: Record<string, string>): unknown {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (_, name: string) => {
      const replacement = settings[name];
      if (replacement === undefined) throw new PackageError(`the template uses an unknown \${${name}}`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, settings));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, settings)]));
  }
  return value;
}

interface Manifest {
  id?: unknown;
  version?: unknown;
  manifestVersion?: unknown;
  name?: { short?: unknown; full?: unknown };
  description?: { short?: unknown; full?: unknown };
  developer?: Record<string, unknown>;
  icons?: { color?: unknown; outline?: unknown };
  accentColor?: unknown;
  bots?: {
    botId?: unknown;
    scopes?: unknown;
    commandLists?: { scopes?: unknown; commands?: { title?: unknown; description?: unknown }[] }[];
  }[];
  validDomains?: unknown;
}

function requireText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== "string" || value.trim() === "") throw new PackageError(`the manifest needs ${field}`);
  if (value.length > maxLength) {
    throw new PackageError(`the manifest's ${field} is longer than ${maxLength} characters`);
  }
  return value;
}

/** Each command list's commands, from src/core/commands/catalogue.ts, so the menu never drifts from it. */
function fillCommandLists(manifest: Manifest): void {
  for (const list of manifest.bots?.[0]?.commandLists ?? []) {
    const scopes = Array.isArray(list.scopes) ? (list.scopes as string[]) : [];
    const leftOff = new Set(scopes.flatMap((scope) => LEFT_OFF_THE_MENU[scope] ?? []));
    list.commands = COMMANDS.filter((command) => !leftOff.has(command.name)).map((command) => ({
      title: command.name,
      description: command.does,
    }));
  }
}

/** Fills the template and checks the result against the rules Teams enforces on upload that matter here. */
function buildManifest(templateText: string, settings: Record<string, string>): Manifest {
  let template: unknown;
  try {
    template = JSON.parse(templateText);
  } catch (error) {
    throw new PackageError(`teams-app/manifest.template.json is not valid JSON: ${(error as Error).message}`);
  }
  const manifest = fill(template, settings) as Manifest;
  fillCommandLists(manifest);
  if (!Array.isArray(manifest.validDomains)) throw new PackageError("the manifest needs validDomains");
  manifest.validDomains = manifest.validDomains.filter((domain) => domain !== "");

  requireText(manifest.manifestVersion, "manifestVersion", 20);
  if (!GUID.test(requireText(manifest.id, "id", 36)))
    throw new PackageError("the manifest's id is not a GUID");
  if (!VERSION.test(requireText(manifest.version, "version", 256))) {
    throw new PackageError("the manifest's version is not like 1.2.3");
  }
  requireText(manifest.name?.short, "name.short", 30);
  requireText(manifest.name?.full, "name.full", 100);
  requireText(manifest.description?.short, "description.short", 80);
  requireText(manifest.description?.full, "description.full", 4000);
  for (const field of ["name", "websiteUrl", "privacyUrl", "termsOfUseUrl"]) {
    requireText(manifest.developer?.[field], `developer.${field}`, 2048);
  }
  for (const icon of ["color", "outline"] as const) {
    const file = requireText(manifest.icons?.[icon], `icons.${icon}`, 2048);
    if (!(ICONS as readonly string[]).includes(file)) {
      throw new PackageError(`the manifest's icons.${icon} "${file}" is not one of ${ICONS.join(", ")}`);
    }
  }
  if (!/^#[0-9a-f]{6}$/i.test(requireText(manifest.accentColor, "accentColor", 7))) {
    throw new PackageError("the manifest's accentColor is not a colour like #1F5C99");
  }

  const bot = manifest.bots?.[0];
  if (!bot || manifest.bots?.length !== 1) throw new PackageError("the manifest needs exactly one bot");
  if (!GUID.test(requireText(bot.botId, "bots[0].botId", 36))) {
    throw new PackageError("the manifest's bot id is not a GUID");
  }
  const scopes = Array.isArray(bot.scopes) ? bot.scopes : [];
  for (const scope of ["personal", "team", "groupChat"]) {
    if (!scopes.includes(scope)) throw new PackageError(`the manifest's bot is missing the ${scope} scope`);
  }
  const listed = new Map<string, string>();
  for (const list of bot.commandLists ?? []) {
    const commands = list.commands ?? [];
    if (commands.length > MAX_COMMANDS_PER_LIST) {
      throw new PackageError(
        `a command list has ${commands.length} commands; Teams allows ${MAX_COMMANDS_PER_LIST}`,
      );
    }
    for (const command of commands) {
      const title = requireText(command.title, "a command title", 32);
      listed.set(title, requireText(command.description, `the description of command ${title}`, 128));
    }
  }
  for (const command of COMMANDS) {
    if (listed.get(command.name) !== command.does) {
      throw new PackageError(`the manifest's command menus leave out "${command.name}" in every scope`);
    }
  }
  return manifest;
}

function run(): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const packageVersion = (
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }
  ).version;
  const settings = packageSettings(process.env, packageVersion);
  const manifest = buildManifest(
    readFileSync(path.join(APP_FOLDER, "manifest.template.json"), "utf8"),
    settings,
  );
  const files: Record<string, Uint8Array> = {
    "manifest.json": strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  for (const icon of ICONS) files[icon] = readFileSync(path.join(APP_FOLDER, icon));
  const output = path.resolve(process.env.TEAMS_PACKAGE_OUTPUT?.trim() || DEFAULT_OUTPUT);
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, zipSync(files, { level: 9 }));
  console.log(
    `Wrote ${output} (Teams app ${settings.TEAMS_APP_ID} version ${settings.TEAMS_APP_VERSION}, bot ${settings.MICROSOFT_APP_ID})`,
  );
}

try {
  run();
} catch (error) {
  const message = error instanceof PackageError ? error.message : String((error as Error)?.message ?? error);
  console.error(`teams:package: ${message}`);
  process.exitCode = 1;
}
