// A pino destination that keeps each line, parsed, so a test can read what the bot logged.
import type { DestinationStream } from "pino";

export type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

export function logLines(): DestinationStream & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(JSON.parse(line) as LogLine);
    },
  };
}
