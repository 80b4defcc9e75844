// GET /charts/<id>.png: a chart picture for a Teams card. The id is random and unguessable, the
// picture holds counts only, and it expires; anything else is a plain 404.
import type { PrismaChartImages } from "../store/chart-image-repository.js";
import type { Handler } from "./server.js";

const CHART_PATH = /^\/charts\/([0-9a-f]{32})\.png$/;

export function isChartPath(path: string): boolean {
  return CHART_PATH.test(path);
}

export function chartImageHandler(images: PrismaChartImages, now: () => Date = () => new Date()): Handler {
  return async (request, response) => {
    const id = CHART_PATH.exec((request.url ?? "").split("?")[0] ?? "")?.[1];
    const png = id ? await images.find(id, now()) : null;
    if (!png) {
      response.writeHead(404, { "Content-Type": "text/plain" });
      response.end("No such chart (charts are kept for three months).");
      return;
    }
    response.writeHead(200, {
      "Content-Type": "image/png",
      "Content-Length": png.byteLength,
      "Cache-Control": "private, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    });
    response.end(png);
  };
}
