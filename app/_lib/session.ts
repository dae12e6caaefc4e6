import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { readSession } from "@/lib/auth/sessions";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/auth/viewer";

/** The signed-in viewer of this request (one session lookup per request however many components ask), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => readSession((await cookies()).get(sessionCookieName())?.value));

/**
 * First line of every page that shows a user's data: visitors go to the login page. Layouts never call this; Next
 * renders a page beside its layout, so only the page itself can stop its own data.
 */
export async function requireUserPage(path: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(path)}`);
  return viewer;
}

/** First line of every admin page: visitors go to the login page, a signed-in non-admin gets a 404. */
export async function requireAdminPage(path: string): Promise<Viewer> {
  const viewer = await requireUserPage(path);
  if (viewer.role !== "admin") notFound();
  return viewer;
}

/** A read model's refusal (not found, not yours, not allowed) is the page's 404. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
}
