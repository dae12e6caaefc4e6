import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { readSession } from "@/lib/auth/sessions";
import { stateChangeRefusal } from "@/lib/http/request-guards";
import { routeAccess } from "@/lib/http/route-access";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * The first gate, before anything renders or any handler runs: cross-site or non-JSON state changes are refused,
 * visitors go to the login page, non-admins are sent away from /admin, an API request without a session cookie gets
 * 401. It is not the only guard: every page, route handler and read model checks the viewer again beside the data.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const api = pathname.startsWith("/api/");
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");

  // The Inngest server signs its calls (checked by the SDK); it is no browser and sends no Origin.
  const refusal = pathname === "/api/inngest" ? null : stateChangeRefusal(request.method, request.headers);
  if (refusal) return secured(Response.json({ error: refusal }, { status: 403 }), csp);

  const access = routeAccess(pathname);
  const sessionId = request.cookies.get(sessionCookieName())?.value;
  // On the API the gate refuses a request without a session cookie and stops there: route() looks the session up
  // and checks the role beside the data (app/api/route-access.test.ts proves each handler declares the access this
  // map gives its path), so a second database lookup here would only double the work of every API request.
  if (access !== "public" && api && !sessionId) return secured(Response.json({ error: "Sign in first." }, { status: 401 }), csp);
  if (access !== "public" && !api) {
    const viewer = await readSession(sessionId);
    if (!viewer) {
      const login = new URL("/login", request.url);
      login.searchParams.set("next", `${pathname}${search}`);
      return secured(NextResponse.redirect(login), csp);
    }
    if (access === "admin" && viewer.role !== "admin") {
      return secured(NextResponse.redirect(new URL("/forbidden", request.url)), csp);
    }
  }

  // Next reads the nonce from the request's policy and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  return secured(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

function secured<R extends Response>(response: R, csp: string): R {
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}
