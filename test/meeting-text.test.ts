// What a coordinator types for a meeting: candidate times one a line, and the notes' ACTION lines.
import { describe, expect, it } from "vitest";
import { parseCandidateTimes } from "../src/core/meetings/candidate-times.js";
import { readNoteActions } from "../src/core/meetings/note-actions.js";
import type { Partner } from "../src/core/problems/model.js";

const NOW = new Date("2026-11-25T10:00:00Z");

function partner(organisationName: string, organisationKind: Partner["organisationKind"]): Partner {
  return {
    organisationId: organisationName,
    organisationName,
    organisationKind,
    contactId: null,
    contactName: null,
    isLead: false,
    reason: "",
  };
}

const PARTNERS = [
  partner("North Yorkshire Police", "POLICE"),
  partner("North Yorkshire Fire and Rescue Service", "FIRE"),
  partner("Yorkshire Housing", "HOUSING"),
  partner("Broadacres Housing Association", "HOUSING"),
];

describe("candidate times", () => {
  it("reads each line in the order given, skipping blank ones", () => {
    const read = parseCandidateTimes("  2/12 14:30 \n\nnext Thursday 10am\n", NOW);
    expect(read).toEqual({
      ok: true,
      starts: [new Date("2026-12-02T14:30:00Z"), new Date("2026-12-03T10:00:00Z")],
    });
  });

  it("asks for one time under When rather than a poll of one", () => {
    const read = parseCandidateTimes("2/12 14:30", NOW);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems[0]).toContain("use When instead");
  });

  it("names the same time written two ways", () => {
    const read = parseCandidateTimes("2/12 14:30\n2026-12-02 14:30", NOW);
    expect(read).toEqual({
      ok: false,
      problems: ['line 2 ("2026-12-02 14:30") is the same time as line 1'],
    });
  });
});

describe("ACTION lines in a meeting's notes", () => {
  it("reads the organisation by name or kind, the text up to the last ' by ', and the due date", () => {
    const read = readNoteActions(
      [
        "Action was taken last month by the council.",
        "ACTION fire: drop by the flats by next Friday",
        "ACTION: north yorkshire police: patrol after dark by 18/12",
      ].join("\n"),
      PARTNERS,
    );
    expect(read).toEqual({
      problems: [],
      actions: [
        {
          label: "line 2",
          organisation: "North Yorkshire Fire and Rescue Service",
          text: "drop by the flats",
          due: "next Friday",
        },
        { label: "line 3", organisation: "North Yorkshire Police", text: "patrol after dark", due: "18/12" },
      ],
    });
  });

  it("names a kind two partners share, and a line without its parts", () => {
    const read = readNoteActions("ACTION housing: clear the bins by Friday\nACTION police: patrol", PARTNERS);
    expect(read.actions).toEqual([]);
    expect(read.problems).toEqual([
      'line 1: "housing" could be Yorkshire Housing or Broadacres Housing Association; write the organisation\'s name',
      'line 2 ("ACTION police: patrol") does not read as ACTION <organisation>: <what is to be done> by <due date>',
    ]);
  });
});
