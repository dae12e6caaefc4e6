import type { Role } from "../db/sessions";

export type { Role } from "../db/sessions";

/** Who is asking: read models take it as their first argument and decide what it may see. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** The viewer may not see this at all (an admin read model asked by a non-admin): HTTP 403. */
export class ForbiddenError extends Error {
  constructor(message = "This needs an admin.") {
    super(message);
  }
}

/** It does not exist, or it is not the viewer's (the two are indistinguishable on purpose): HTTP 404. */
export class NotFoundError extends Error {}

/** First line of every admin read model: refuses anyone but a signed-in admin. */
export function assertAdmin(viewer: Viewer | null | undefined): asserts viewer is Viewer & { role: "admin" } {
  if (!viewer || viewer.role !== "admin") throw new ForbiddenError();
}

/** First line of every user read model: refuses anyone who is not signed in. */
export function assertSignedIn(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new ForbiddenError("Sign in first.");
}
