import "server-only";
import { cookies } from "next/headers";
import { ZodError, type ZodType } from "zod";
import { readSessionToken, SESSION_COOKIE, type Session } from "@/lib/auth/session-token";
import { sessionSecret } from "./session-secret";

/** An error a route handler turns into an HTTP status with a JSON `{error}` message. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
  }
}

export async function apiSession(): Promise<Session | null> {
  const store = await cookies();
  return readSessionToken(store.get(SESSION_COOKIE)?.value, await sessionSecret());
}

export async function requireApiUser(): Promise<Session> {
  const session = await apiSession();
  if (!session) throw new HttpError(401, "Sign in first.");
  return session;
}

export async function requireApiAdmin(): Promise<Session> {
  const session = await requireApiUser();
  if (session.role !== "admin") throw new HttpError(403, "This action needs an admin.");
  return session;
}

export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`);
    throw new HttpError(422, issues.join("; "), parsed.error.issues);
  }
  return parsed.data;
}

export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new HttpError(400, "The request body must be JSON.");
  }
}

/** Wraps a handler: HttpError → its status; ZodError → 422; anything else → 500 with a generic sentence (logged). */
export function handle<Args extends unknown[]>(body: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await body(...args);
    } catch (error) {
      if (error instanceof HttpError) {
        return Response.json({ error: error.message, details: error.details }, { status: error.status });
      }
      if (error instanceof ZodError) {
        return Response.json({ error: error.issues.map((issue) => issue.message).join("; ") }, { status: 422 });
      }
      console.error(error);
      return Response.json({ error: "Internal error; the server log has the details." }, { status: 500 });
    }
  };
}
