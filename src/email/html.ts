// HTML for emails and link pages: every piece of text is escaped, and the pages are one
// self-contained document (styles inline, nothing fetched), so they work in any mail client or browser.

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** Text with its line breaks kept, escaped. */
export function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

const STYLE =
  "body{font-family:Arial,Helvetica,sans-serif;max-width:40em;margin:1.5em auto;padding:0 1em;color:#0b0c0c;line-height:1.4}" +
  ".marking{font-weight:bold;letter-spacing:.05em}" +
  "th{text-align:left;padding-right:1em;vertical-align:top}" +
  "label{display:block;font-weight:bold;margin-top:1em}" +
  "textarea,select,input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.3em}" +
  "button,.button{display:inline-block;margin:1em .5em 0 0;padding:.5em 1em;background:#00703c;color:#fff;border:0;font:inherit;text-decoration:none}" +
  ".danger{background:#d4351c}.error{color:#d4351c;font-weight:bold}.hint{color:#505a5f}";

/**
 * A whole page: `marking` (the classification, where there is one) heads and foots it, as on
 * every record the bot shows. `body` must already be escaped HTML.
 */
export function htmlDocument(title: string, body: string, marking?: string): string {
  const mark = marking ? `<p class="marking">${escapeHtml(marking)}</p>` : "";
  return (
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex, nofollow">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body>${mark}${body}${mark}</body></html>`
  );
}
