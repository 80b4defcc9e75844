// The commands people type (the same words on Slack and Teams), with help text and examples.
// Only commands that work are listed: each feature adds its own entry as it lands.

export interface CommandInfo {
  name: string;
  usage: string;
  does: string;
  examples: string[];
}

export const COMMANDS: CommandInfo[] = [
  {
    name: "help",
    usage: "help",
    does: "shows what you can ask me",
    examples: ["help"],
  },
  {
    name: "spoc",
    usage: "spoc ‹organisation, area, theme or person›",
    does: "looks up the single points of contact in the register",
    examples: ["spoc fire", "spoc Craven", "spoc safeguarding", "spoc fire Craven"],
  },
  {
    name: "raise",
    usage: "raise [title]",
    does: "opens the form to raise a community problem (officers and coordinators)",
    examples: ["raise", "raise Fly-tipping behind the market hall"],
  },
  {
    name: "problem",
    usage: "problem ‹reference›",
    does: "shows a problem's status, priority, partners and actions",
    examples: ["problem CRA-2026-0042"],
  },
  {
    name: "actions",
    usage: "actions",
    does: "lists your open actions, soonest due first, with their RAG",
    examples: ["actions"],
  },
  {
    name: "convene",
    usage: "convene ‹reference›",
    does: "proposes partners and a meeting at one time, or up to five times to poll, then invites them (coordinators)",
    examples: ["convene CRA-2026-0042"],
  },
  {
    name: "meeting",
    usage: "meeting ‹reference›",
    does: "shows who can make each time polled for the problem's meeting, to pick one; then who is coming (coordinators)",
    examples: ["meeting CRA-2026-0042"],
  },
  {
    name: "attendance",
    usage: "attendance ‹reference›",
    does: "records who came to the problem's latest meeting, by organisation (coordinators)",
    examples: ["attendance CRA-2026-0042"],
  },
  {
    name: "notes",
    usage: "notes ‹reference›",
    does: "saves the meeting's notes; lines like ACTION fire: fit alarms by 5/12 become actions (coordinators)",
    examples: ["notes CRA-2026-0042"],
  },
  {
    name: "task",
    usage: "task ‹reference›",
    does: "adds an action for a partner organisation on a problem (coordinators)",
    examples: ["task CRA-2026-0042"],
  },
  {
    name: "escalate",
    usage: "escalate ‹reference›",
    does: "sends a problem to the Strategic Board with a reason (coordinators)",
    examples: ["escalate CRA-2026-0042"],
  },
  {
    name: "close",
    usage: "close ‹reference›",
    does: "closes a problem with an outcome and an assessment (coordinators)",
    examples: ["close CRA-2026-0042"],
  },
  {
    name: "plan",
    usage: "plan [area]",
    does: "shows the area's prioritised operational plan",
    examples: ["plan", "plan Craven"],
  },
  {
    name: "log",
    usage: "log ‹activity› for ‹agencies› [day] [- note]",
    does: "records prevention work you did and the agencies it served (officers)",
    examples: ["log safe and well visit for fire, ambulance", "log hfsc for fire and police yesterday"],
  },
  {
    name: "digest",
    usage: "digest [area]",
    does: "shows the area's digest now; digest by email on|off chooses how yours arrive (coordinators, board)",
    examples: ["digest", "digest Craven", "digest by email on"],
  },
  {
    name: "away",
    usage: "away until ‹date›",
    does: "sends your chases and new actions to your deputy until the day you are back",
    examples: ["away until Monday", "away until 7/12"],
  },
  {
    name: "back",
    usage: "back",
    does: "ends your leave early: chases and new actions come to you again",
    examples: ["back"],
  },
  {
    name: "intake",
    usage: "intake [threads|private] [area]",
    does: "shows or sets how your area takes in problems: as threads in this channel, or privately (coordinators)",
    examples: ["intake", "intake threads", "intake private", "intake threads Craven"],
  },
  {
    name: "schedule",
    usage: "schedule",
    does: "shows when chasing and digests next run, and what the last run sent (coordinators)",
    examples: ["schedule"],
  },
];

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/** The known command closest to a mistyped one, if any is close enough to be a likely typo. */
export function suggestCommand(word: string): CommandInfo | undefined {
  const ranked = COMMANDS.map((command) => ({
    command,
    distance: editDistance(word.toLowerCase(), command.name),
  })).sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  return best && best.distance <= Math.max(1, Math.floor(best.command.name.length / 2))
    ? best.command
    : undefined;
}
