// How chases and leave notices read, on any chat surface.
import { describe, expect, it } from "vitest";
import { InvalidOutboxPayload, renderOutboxMessage } from "../src/outbox/render.js";

const item = {
  ref: "CRA-2026-0042",
  title: "Fly-tipping behind the market hall",
  priority: "RED",
  classification: "OFFICIAL_SENSITIVE",
  actionText: "Survey the lane for CCTV sites",
  organisationName: "North Yorkshire Police",
  dueOn: "2026-12-04",
};

describe("rendering chases", () => {
  it("lists a person's items under their steps, most pressing first, with the classification", () => {
    const { message } = renderOutboxMessage("chase.reminders", {
      day: "2026-12-08",
      items: [
        { ...item, step: "overdue.reminder", rag: "RED", daysOverdue: 2 },
        {
          ...item,
          ref: "CRA-2026-0043",
          classification: "OFFICIAL",
          step: "due.today",
          rag: "AMBER",
          covering: true,
        },
      ],
      more: 3,
    });
    expect(message.summary).toBe("5 items to chase on 08/12/2026 (OFFICIAL-SENSITIVE): overdue, due today");
    expect(message.blocks).toEqual([
      { kind: "heading", text: "5 items to chase on 08/12/2026" },
      { kind: "facts", facts: [{ label: "Classification", value: "OFFICIAL-SENSITIVE" }] },
      { kind: "text", text: "Overdue" },
      {
        kind: "list",
        items: [
          "CRA-2026-0042 Fly-tipping behind the market hall (RED, OFFICIAL-SENSITIVE) · North Yorkshire Police: Survey the lane for CCTV sites · due 04/12/2026 · 2 working days overdue · RED",
        ],
      },
      { kind: "text", text: "Due today" },
      {
        kind: "list",
        items: [
          "CRA-2026-0043 Fly-tipping behind the market hall (RED, OFFICIAL) · North Yorkshire Police: Survey the lane for CCTV sites · due 04/12/2026 · AMBER · sent to you as cover",
        ],
      },
      { kind: "text", text: 'and 3 more: type "actions" or "plan" to see them all.' },
    ]);
  });

  it("shows a review with the problem's open actions", () => {
    const { message } = renderOutboxMessage("chase.reminders", {
      day: "2026-12-11",
      items: [
        {
          ...item,
          actionText: undefined,
          organisationName: undefined,
          step: "review.due",
          dueOn: "2026-12-11",
          actions: [{ text: "Fit bins", organisationName: "Fire", dueOn: "2026-12-09", rag: "RED" }],
        },
      ],
      more: 0,
    });
    expect(message.blocks.at(-1)).toEqual({
      kind: "list",
      items: [
        "CRA-2026-0042 Fly-tipping behind the market hall (RED, OFFICIAL-SENSITIVE) · review 11/12/2026",
        "  - Fire: Fit bins, due 09/12/2026 (RED)",
      ],
    });
  });

  it("never sends a chase whose payload does not fit, nor echoes it", () => {
    expect(() => renderOutboxMessage("chase.reminders", { day: "2026-12-08", items: [], more: 0 })).toThrow(
      InvalidOutboxPayload,
    );
    expect(() =>
      renderOutboxMessage("chase.reminders", {
        day: "2026-12-08",
        items: [{ ...item, step: "gossip" }],
        more: 0,
      }),
    ).toThrow("chase.reminders payload is invalid at items.0.step");
  });

  it("tells a coordinator who is away with nobody to cover", () => {
    const { message } = renderOutboxMessage("leave.uncovered", {
      name: "Sarah Gill",
      organisationName: "Yorkshire Ambulance Service",
      areaName: "Craven, Harrogate",
      awayUntil: "2027-01-04",
    });
    expect(message.summary).toBe(
      "Sarah Gill (Yorkshire Ambulance Service, Craven, Harrogate) is away until 04/01/2027 and has no deputy to cover: their chases and new actions come to you meanwhile.",
    );
  });
});
