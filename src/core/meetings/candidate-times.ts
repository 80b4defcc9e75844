// Reads the candidate times a coordinator offers for a meeting being arranged: one a line, each
// read like a single meeting time. Every line is checked, and every bad one is named, so a
// coordinator fixes them all at once.
import { LDG_TIME_ZONE } from "../time/due-date.js";
import { parseMeetingTime } from "./meeting-time.js";

export const MAX_CANDIDATE_TIMES = 5;

export type CandidateTimesResult = { ok: true; starts: Date[] } | { ok: false; problems: string[] };

/** The times in the order given; blank lines are skipped. */
export function parseCandidateTimes(text: string, now: Date, timeZone = LDG_TIME_ZONE): CandidateTimesResult {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (lines.length < 2) {
    return {
      ok: false,
      problems: ["Give two to five times to choose from, one a line; for a single time, use When instead"],
    };
  }
  if (lines.length > MAX_CANDIDATE_TIMES) {
    return {
      ok: false,
      problems: [`Give at most ${MAX_CANDIDATE_TIMES} times to choose from; there are ${lines.length}`],
    };
  }
  const problems: string[] = [];
  const starts: Date[] = [];
  const firstLineAt = new Map<number, number>();
  lines.forEach((line, index) => {
    const number = index + 1;
    const read = parseMeetingTime(line, now, timeZone);
    if (!read.ok) {
      problems.push(`line ${number} ("${line}"): ${read.message}`);
      return;
    }
    const earlier = firstLineAt.get(read.start.getTime());
    if (earlier !== undefined) {
      problems.push(`line ${number} ("${line}") is the same time as line ${earlier}`);
      return;
    }
    firstLineAt.set(read.start.getTime(), number);
    starts.push(read.start);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, starts };
}
