/**
 * proxy.ts leaves the session of API requests to route(): so every API route must declare in route() the access
 * that the first gate's map (routeAccess) gives its path — a route declared public under a signed-in path would
 * otherwise be open to anyone.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routeAccess } from "@/lib/http/route-access";

const API_DIR = path.join(process.cwd(), "app/api");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The URL path of a route file: `[id]` segments become a sample value, `(group)` folders vanish. */
function urlPathOf(file: string): string {
  const segments = path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? "00000000-0000-4000-8000-000000000000" : segment));
  return `/${segments.join("/")}`;
}

describe("API routes and the first gate", () => {
  const files = routeFiles(API_DIR);

  it("finds the API's route files", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map(urlPathOf)).toContain("/api/portfolios/00000000-0000-4000-8000-000000000000");
  });

  it("every route file goes through route() with the access its path has in the first gate's map", () => {
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const where = path.relative(process.cwd(), file);
      const declared = [...source.matchAll(/\broute\(\{\s*access:\s*"(\w+)"/g)].map((match) => match[1]);
      expect(declared.length, `${where} declares its access in route()`).toBeGreaterThan(0);
      for (const access of declared) expect(access, where).toBe(routeAccess(urlPathOf(file)));
      // Handlers are route(…) or a local wrapper of it, never a bare function.
      expect(source, where).not.toMatch(/export (async )?function (GET|POST|PUT|PATCH|DELETE)\b/);
    }
  });
});
