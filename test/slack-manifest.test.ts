// The Slack app manifest matches the code: the command, shortcuts and events the bot handles, the
// scopes the Web API calls it makes need, and one URL for commands, interactivity and events.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SLASH_COMMAND } from "../src/slack/commands.js";
import { RAISE_FROM_MESSAGE_SHORTCUT, RAISE_SHORTCUT } from "../src/slack/shortcuts.js";
import { SLACK_EVENTS_PATH } from "../src/slack/slack-app.js";

const manifest = JSON.parse(readFileSync(new URL("../slack-app/manifest.json", import.meta.url), "utf8"));

describe("the Slack app manifest", () => {
  it("declares the slash command and both shortcuts the bot handles", () => {
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual([
      SLASH_COMMAND,
    ]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        type: "global",
        callback_id: RAISE_SHORTCUT,
        name: "Raise a community problem",
      }),
      expect.objectContaining({
        type: "message",
        callback_id: RAISE_FROM_MESSAGE_SHORTCUT,
        name: "Raise a problem from this message",
      }),
    ]);
    for (const shortcut of manifest.features.shortcuts)
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
  });

  it("sends commands, interactivity and events to /slack/events, and turns on the Home tab", () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      "app_home_opened",
      "message.im",
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("asks for every scope the bot's Web API calls need, and no broader ones", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        "commands", // /ldg and the shortcuts
        "chat:write", // chat.postMessage, chat.update, chat.postEphemeral
        "im:history", // message.im events, and a DM cut off by a crash looked for
        "im:write", // conversations.open for DMs
        "users:read", // users.info
        "users:read.email", // the email in users.info, users.lookupByEmail
        "groups:write", // conversations.create (private) and conversations.invite
        "channels:read", // conversations.info: is the bot in the channel `intake threads` names
        "groups:read", // the same for a private channel
        "channels:history", // conversations.history/replies: was a post cut off by a crash made?
        "groups:history", // the same in a private LDG channel
        "pins:write", // pins.add
        "files:write", // files.uploadV2
      ].sort(),
    );
  });
});
