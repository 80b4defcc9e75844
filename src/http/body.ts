// Reads a request body with a size limit, so one huge post cannot exhaust memory.
import type { IncomingMessage } from "node:http";

export class BodyTooLarge extends Error {}

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyTooLarge(`request body over ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
