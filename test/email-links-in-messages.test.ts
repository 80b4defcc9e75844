// A link block in an email: an ordinary link in the HTML part and its address in the text part,
// both escaped (email otherwise gets the calendar file itself, so this is for any other link).
import { describe, expect, it } from "vitest";
import { renderEmail } from "../src/email/render-email.js";

describe("a link in an email", () => {
  it("is a link in the HTML, escaped, and its label and address in the text", () => {
    const email = renderEmail(
      {
        summary: "Meeting",
        blocks: [
          { kind: "heading", text: "Meeting" },
          { kind: "link", label: "Add <b>to</b> calendar", url: 'https://ldg.example/a?b=1&c="2' },
        ],
      },
      () => undefined,
      "footer",
    );
    expect(email.html).toContain(
      '<p><a href="https://ldg.example/a?b=1&amp;c=&quot;2">Add &lt;b&gt;to&lt;/b&gt; calendar</a></p>',
    );
    expect(email.text).toContain('Add <b>to</b> calendar: https://ldg.example/a?b=1&c="2');
  });
});
