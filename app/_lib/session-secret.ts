import "server-only";
import { getOrCreateSessionSecret } from "@/lib/db/users";

let secret: Promise<string> | null = null;

/** SESSION_SECRET, else the one kept in the database (so `next start` on its own signs the same cookies as `npm start`). */
export function sessionSecret(): Promise<string> {
  secret ??= getOrCreateSessionSecret().catch((error: unknown) => {
    secret = null;
    throw error;
  });
  return secret;
}
