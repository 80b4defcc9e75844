// Runs the Teams app packager (`npm run teams:package`) as a child process and unzips what it writes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../src/core/commands/catalogue.js";

const PACKAGER = fileURLToPath(new URL("../src/cli/teams-package.ts", import.meta.url));
// tsx's loader by absolute address, as the packager runs in a temporary folder with no node_modules.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const BOT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Manifest {
  id: string;
  version: string;
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
}

describe("the Teams app packager", () => {
  let folder: string;
  let output: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "ldg-teams-package-"));
    output = path.join(folder, "out", "ldg-bot.zip");
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** Runs the packager in the temporary folder (so no .env is read), without any of its settings inherited. */
  function packager(environment: Record<string, string>) {
    const env: NodeJS.ProcessEnv = { ...process.env, TEAMS_PACKAGE_OUTPUT: output, ...environment };
    for (const name of Object.keys(env)) {
      if (name.startsWith("TEAMS_") && name !== "TEAMS_PACKAGE_OUTPUT" && !(name in environment))
        delete env[name];
    }
    if (!("MICROSOFT_APP_ID" in environment)) delete env.MICROSOFT_APP_ID;
    const result = spawnSync(process.execPath, ["--import", TSX, PACKAGER], {
      cwd: folder,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("writes a zip with the manifest and both icons at its root", () => {
    const result = packager({ MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_DOMAIN: "ldg.example.org" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    const files = unzipSync(readFileSync(output));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const pngSignature = [137, 80, 78, 71, 13, 10, 26, 10];
    expect([...(files["color.png"] as Uint8Array).subarray(0, 8)]).toEqual(pngSignature);
    expect([...(files["outline.png"] as Uint8Array).subarray(0, 8)]).toEqual(pngSignature);

    const manifest = JSON.parse(strFromU8(files["manifest.json"] as Uint8Array)) as Manifest;
    expect(JSON.stringify(manifest)).not.toContain("${");
    expect(manifest.id).toMatch(GUID);
    expect(manifest.id).not.toBe(BOT_ID);
    expect(manifest.version).toBe(PACKAGE_VERSION);
    expect(manifest.validDomains).toEqual(["ldg.example.org"]);
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0] as Manifest["bots"][number];
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const scope of list.scopes) expect(bot.scopes).toContain(scope);
    }
    // One menu per kind of conversation, each from the catalogue; every command is on one of them.
    const menus = Object.fromEntries(
      bot.commandLists.map((list) => [
        list.scopes.sort().join(","),
        list.commands.map((command) => command.title),
      ]),
    );
    expect(Object.keys(menus).sort()).toEqual(["groupChat,team", "personal"]);
    expect(menus.personal).toContain("raise");
    expect(menus.personal).toContain("actions");
    expect(menus["groupChat,team"]).toContain("problem");
    const commands = bot.commandLists.flatMap((list) => list.commands);
    for (const command of COMMANDS) {
      expect(commands).toContainEqual({ title: command.name, description: command.does });
    }
  });

  it("derives the same Teams app id from the same bot id every time, and takes TEAMS_APP_ID and the version", () => {
    const manifest = () =>
      JSON.parse(strFromU8(unzipSync(readFileSync(output))["manifest.json"] as Uint8Array)) as Manifest;
    packager({ MICROSOFT_APP_ID: BOT_ID });
    const first = manifest();
    packager({ MICROSOFT_APP_ID: BOT_ID.toUpperCase() });
    expect(manifest().id).toBe(first.id);
    expect(first.validDomains).toEqual([]);

    const appId = "9b2d5c1e-0f3a-4b6c-8d7e-1f2a3b4c5d6e";
    const result = packager({ MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_ID: appId, TEAMS_APP_VERSION: "2.3.4" });
    expect(result.code).toBe(0);
    expect(manifest()).toMatchObject({ id: appId, version: "2.3.4" });
  });

  it.each([
    ["missing", {}, /^teams:package: MICROSOFT_APP_ID is not set/],
    [
      "not a GUID",
      { MICROSOFT_APP_ID: "my-bot" },
      /^teams:package: MICROSOFT_APP_ID "my-bot" is not a GUID$/,
    ],
  ])("exits 1 with one clear line when MICROSOFT_APP_ID is %s", (_, environment, message) => {
    const result = packager(environment);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it.each([
    [{ TEAMS_APP_VERSION: "1.0.0-beta" }, /TEAMS_APP_VERSION "1.0.0-beta" is not a version like 1.2.3/],
    [{ TEAMS_APP_ID: "abc" }, /TEAMS_APP_ID "abc" is not a GUID/],
    [{ TEAMS_APP_DOMAIN: "https://ldg.example.org/" }, /TEAMS_APP_DOMAIN .* is not a host name/],
    [
      { TEAMS_PRIVACY_URL: "http://example.org/privacy" },
      /TEAMS_PRIVACY_URL .* is not an https:\/\/ address/,
    ],
  ])("exits 1 with one clear line for a bad setting (%o)", (environment, message) => {
    const result = packager({ MICROSOFT_APP_ID: BOT_ID, ...environment });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
