import "server-only";
import { ZodError, type ZodType } from "zod";
import { describeIssuePath } from "@/lib/schemas/issue-path";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { readSession } from "@/lib/auth/sessions";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { BodyTooLargeError, isStateChanging, readBodyText, stateChangeRefusal } from "@/lib/http/request-guards";

/** An error a route handler turns into an HTTP status with a JSON `{error}` sentence. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

type Access = "public" | "user" | "admin";

interface RouteOptions<Body, Query, Params> {
  /** Who may call it: anyone, a signed-in user, or an admin. */
  access: Access;
  /** The JSON body of a state-changing request. */
  body?: ZodType<Body>;
  query?: ZodType<Query>;
  params?: ZodType<Params>;
  /**
   * `signed`: the caller is a server that signs its requests (Inngest), not a browser, so there is no Origin to
   * check and the handler reads the body itself. Every other state-changing request must be same-origin JSON.
   */
  caller?: "browser" | "signed";
}

export interface RouteInput<Body, Query, Params, V> {
  request: Request;
  viewer: V;
  body: Body;
  query: Query;
  params: Params;
}

type Handler<Body, Query, Params, V> = (input: RouteInput<Body, Query, Params, V>) => Promise<Response>;
type NextContext = { params?: Promise<Record<string, string | string[]>> };

/** The viewer of the request's session cookie, or null. */
export function viewerOf(request: Request): Promise<Viewer | null> {
  return readSession(readSessionCookie(request.headers.get("cookie")));
}

/**
 * Every route handler goes through here, in this order: same-origin JSON for state changes (403), the session (401)
 * and role (403), the body size (413), JSON (400) and zod (422) — then the handler. Errors become a status with a
 * sentence; anything unexpected is logged and answered 500 without details.
 */
export function route<Body = undefined, Query = undefined, Params = undefined>(
  options: RouteOptions<Body, Query, Params> & { access: "user" | "admin" },
  handler: Handler<Body, Query, Params, Viewer>,
): (request: Request, context?: NextContext) => Promise<Response>;
export function route<Body = undefined, Query = undefined, Params = undefined>(
  options: RouteOptions<Body, Query, Params> & { access: "public" },
  handler: Handler<Body, Query, Params, null>,
): (request: Request, context?: NextContext) => Promise<Response>;
export function route<Body, Query, Params>(
  options: RouteOptions<Body, Query, Params>,
  handler: Handler<Body, Query, Params, Viewer> | Handler<Body, Query, Params, null>,
) {
  // authorise() returns a viewer for "user" and "admin", so each overload's handler gets what its type promises.
  const run = handler as Handler<Body, Query, Params, Viewer | null>;
  return async (request: Request, context?: NextContext): Promise<Response> => {
    try {
      if (options.caller !== "signed") {
        const refusal = stateChangeRefusal(request.method, request.headers);
        if (refusal) throw new HttpError(403, refusal);
      }
      const viewer = await authorise(request, options.access);
      const params = options.params ? parse(options.params, (await context?.params) ?? {}) : (undefined as Params);
      const query = options.query ? parse(options.query, searchParamsOf(request)) : (undefined as Query);
      const body = options.body && isStateChanging(request.method) ? parse(options.body, await readJson(request)) : (undefined as Body);
      const response = await run({ request, viewer, body, query, params });
      // Signed-in answers are never stored by a shared cache; a handler may allow the browser's own (private) cache.
      const own = response.headers.get("cache-control");
      if (options.access !== "public" && !own?.startsWith("private")) response.headers.set("cache-control", "private, no-store");
      return response;
    } catch (error) {
      const response = errorResponse(error);
      if (options.access !== "public") response.headers.set("cache-control", "private, no-store");
      return response;
    }
  };
}

async function authorise(request: Request, access: Access): Promise<Viewer | null> {
  // Public routes never look the session up: health must answer while the database is down, cookie or not.
  if (access === "public") return null;
  const viewer = await viewerOf(request);
  if (!viewer) throw new HttpError(401, "Sign in first.");
  if (access === "admin" && viewer.role !== "admin") throw new HttpError(403, "This action needs an admin.");
  return viewer;
}

/** Query parameters as an object; empty values are dropped so schema defaults apply. */
function searchParamsOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (value !== "") out[key] = value;
  return out;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The request body must be JSON.");
  }
}

/** zod → 422 with one sentence per bad field. */
export function parse<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(422, parsed.error.issues.map((issue) => `${describeIssuePath(issue.path)}: ${issue.message}`).join("; "));
  return parsed.data;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return Response.json({ error: error.message }, { status: error.status, headers: error.headers });
  if (error instanceof BodyTooLargeError) return Response.json({ error: error.message }, { status: 413 });
  if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
  if (error instanceof NotFoundError) return Response.json({ error: error.message || "Not found." }, { status: 404 });
  if (error instanceof ZodError) return Response.json({ error: error.issues.map((issue) => issue.message).join("; ") }, { status: 422 });
  console.error(error);
  return Response.json({ error: "Internal error; the server log has the details." }, { status: 500 });
}
