import { describe, expect, it } from "vitest";
import { routeAccess } from "./route-access";

describe("routeAccess", () => {
  it("lists the public paths; everything else needs a login, the admin areas an admin", () => {
    for (const path of ["/", "/login", "/health", "/health/ready", "/api/auth/login", "/api/auth/logout", "/api/inngest", "/_next/static/x.js"]) expect(routeAccess(path), path).toBe("public");
    for (const path of ["/portfolios", "/portfolios/new", "/api/portfolios", "/anything-new", "/loginx", "/api/auth/other"]) expect(routeAccess(path), path).toBe("user");
    for (const path of ["/admin", "/admin/runs/1", "/api/admin/runs", "/ADMIN", "/%61dmin", "//admin", "/admin/", "/api//admin/runs", "/admin%2Fruns"]) expect(routeAccess(path), path).toBe("admin");
    expect(routeAccess("/administrators")).toBe("user");
  });
});
