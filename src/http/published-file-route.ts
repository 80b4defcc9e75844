// GET /charts/<id>.png and /calendar/<id>.ics: the files Teams cards link to (a digest's chart
// picture, a meeting's calendar file). The id is random and unguessable and the file expires;
// anything else is a plain 404. A file with a name downloads under it; a picture shows inline.
import type { PrismaPublishedFiles } from "../store/published-file-repository.js";
import type { Handler } from "./server.js";

const PUBLISHED_PATH = /^\/(?:charts\/([0-9a-f]{32})\.png|calendar\/([0-9a-f]{32})\.ics)$/;

export function isPublishedFilePath(path: string): boolean {
  return PUBLISHED_PATH.test(path);
}

export function publishedFileHandler(
  files: PrismaPublishedFiles,
  now: () => Date = () => new Date(),
): Handler {
  return async (request, response) => {
    const match = PUBLISHED_PATH.exec((request.url ?? "").split("?")[0] ?? "");
    const id = match?.[1] ?? match?.[2];
    const file = id ? await files.find(id, now()) : null;
    if (!file) {
      response.writeHead(404, { "Content-Type": "text/plain" });
      response.end("No such file (charts and calendar files are kept for three months).");
      return;
    }
    response.writeHead(200, {
      "Content-Type": file.contentType,
      "Content-Length": file.body.byteLength,
      ...(file.filename
        ? { "Content-Disposition": `attachment; filename="${headerSafe(file.filename)}"` }
        : {}),
      "Cache-Control": "private, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    });
    response.end(file.body);
  };
}

/** Our own names ("invitation.ics"), kept to characters that cannot break out of the header. */
function headerSafe(filename: string): string {
  return filename.replace(/[^\w.-]/g, "_");
}
