import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A page or route handler found in the app/ tree, as its URL pattern with its dynamic segments. */
export interface DiscoveredRoute {
  kind: "page" | "api";
  /** e.g. /admin/runs/[id] */
  pattern: string;
  /** Exported HTTP methods of a route handler; GET for a page. */
  methods: string[];
  file: string;
}

const PAGE_FILE = /^page\.(tsx|ts|jsx|js)$/;
const ROUTE_FILE = /^route\.(ts|js)$/;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Every page and route handler under `appDir`, the way Next maps folders to URLs: route groups `(x)` and parallel
 * slots `@x` add no segment, private folders `_x` are not routes. A new page or handler is found without any list.
 */
export function discoverRoutes(appDir = path.resolve("app")): DiscoveredRoute[] {
  const found: DiscoveredRoute[] = [];
  const visit = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name === "node_modules") continue;
        const addsSegment = !(entry.name.startsWith("(") && entry.name.endsWith(")")) && !entry.name.startsWith("@");
        visit(full, addsSegment ? [...segments, entry.name] : segments);
        continue;
      }
      const pattern = `/${segments.join("/")}`;
      if (PAGE_FILE.test(entry.name)) found.push({ kind: "page", pattern, methods: ["GET"], file: full });
      if (ROUTE_FILE.test(entry.name)) {
        const source = readFileSync(full, "utf8");
        const methods = METHODS.filter((method) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source));
        found.push({ kind: "api", pattern, methods, file: full });
      }
    }
  };
  visit(appDir, []);
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * Concrete paths for a pattern: each dynamic segment takes the values named for it as `<parent>/[name]` (a real id
 * of the seeded data), or every candidate when the segment is new, so a new page is still requested with real ids.
 */
export function fillPattern(pattern: string, known: Record<string, string[]>, candidates: string[]): string[] {
  let paths = [""];
  const segments = pattern.split("/").filter(Boolean);
  segments.forEach((segment, index) => {
    const dynamic = segment.match(/^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/);
    const values = dynamic ? (known[`${segments[index - 1] ?? ""}/[${dynamic[1]}]`] ?? candidates) : [segment];
    paths = paths.flatMap((prefix) => values.map((value) => `${prefix}/${dynamic ? encodeURIComponent(value) : value}`));
  });
  return paths.map((p) => p || "/");
}
