// Adaptive Card TextBlocks and Teams messages read their text as Markdown (bold, italic, lists,
// links). Text the bot shows is plain, much of it typed by people, so everything Markdown would act
// on is backslash-escaped: nobody can dress a link to elsewhere as "Open the problem", or make a
// line of their text look like the bot's own heading or list.

/** Characters that start emphasis, code, links, autolinks or HTML anywhere in a line. */
const INLINE_MARKUP = /[\\`*_~[\]<>]/g;
/** Characters that make a line a list item or a heading when they start it. */
const BULLET_AT_LINE_START = /^(\s*)([-+#])/gm;
const NUMBER_AT_LINE_START = /^(\s*\d+)([.)])/gm;

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKUP, "\\$&")
    .replace(BULLET_AT_LINE_START, "$1\\$2")
    .replace(NUMBER_AT_LINE_START, "$1\\$2");
}
