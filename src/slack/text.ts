// Text made safe for Slack: user text never pings a channel or a person, never breaks the markup,
// and never exceeds the length Slack allows for the object it goes into (Slack refuses the whole
// message or view otherwise).

/** Slack's own limits, from the Block Kit reference. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  textObject: 3000,
  sectionField: 2000,
  sectionFields: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  textInput: 3000,
  privateMetadata: 3000,
} as const;

/** Cuts text to `max` characters (UTF-16 units, as Slack counts), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

/**
 * Escapes the three characters Slack's mrkdwn treats as markup. With `<` escaped, `<!channel>`,
 * `<!here>` and `<@U123>` in someone's text show as typed instead of notifying anyone.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes, then cuts to `max` without leaving half an escape (`&am`) at the end. */
export function mrkdwn(text: string, max: number = LIMITS.textObject): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return `${truncate(escaped, max)
    .slice(0, -1)
    .replace(/&[a-z]{0,3}$/, "")}…`;
}

/** Plain text objects show what they are given; they only need cutting (and must not be empty). */
export function plain(text: string, max: number): string {
  const trimmed = text.trim();
  return truncate(trimmed === "" ? " " : trimmed, max);
}
