// Where a command was typed, as the chat adapter saw it: the core needs it for commands about the
// conversation itself (`intake threads` makes the channel it is typed in the area's LDG channel).

export type ChatPlace =
  /** A direct message or personal chat with the bot. */
  | { kind: "direct" }
  /** A group chat: shared, but without channel threads. */
  | { kind: "group" }
  /** One problem's own private conversation, for its partners only. */
  | { kind: "problem" }
  | {
      kind: "channel";
      platform: "SLACK" | "TEAMS";
      /** How the platform posts there again later; opaque to the core, stored as it is. */
      address: Record<string, unknown>;
      /** Whether the bot can post there (Slack: it has been added to the channel). */
      botIsMember: boolean;
    };
