import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { readSessionToken, SESSION_COOKIE, type Session } from "@/lib/auth/session-token";
import { sessionSecret } from "./session-secret";

export async function getSession(): Promise<Session | null> {
  const store = await cookies();
  return readSessionToken(store.get(SESSION_COOKIE)?.value, await sessionSecret());
}

/** Pages: anonymous visitors go to the login page. */
export async function requireUser(next: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(next)}`);
  return session;
}

/** Admin pages: anonymous → login; a signed-in non-admin gets a 404, so admin pages do not reveal themselves. */
export async function requireAdmin(next: string): Promise<Session> {
  const session = await requireUser(next);
  if (session.role !== "admin") notFound();
  return session;
}
