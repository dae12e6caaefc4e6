import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const SESSION_COOKIE = "fw_session";
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;

const sessionSchema = z.object({
  userId: z.string().uuid(),
  role: z.enum(["admin", "user"]),
  name: z.string(),
  expiresAt: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** `base64url(json).hmac`: the session travels in an httpOnly cookie and is verified with SESSION_SECRET. */
export function createSessionToken(session: Omit<Session, "expiresAt">, secret: string, nowMs = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ ...session, expiresAt: Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS }),
  ).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The session of a token, or null when it is missing, forged, malformed or expired. */
export function readSessionToken(token: string | undefined, secret: string, nowMs = Date.now()): Session | null {
  if (!token) return null;
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const session = sessionSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return session.expiresAt * 1000 > nowMs ? session : null;
  } catch {
    return null;
  }
}

/** A SESSION_SECRET from the environment must be long enough to sign with; null when it is not set. */
export function readSessionSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const secret = env.SESSION_SECRET;
  if (!secret) return null;
  if (secret.length < 32) throw new Error("SESSION_SECRET must have at least 32 characters.");
  return secret;
}
