import { releaseLoginAttempt, reserveLoginAttempt } from "../db/login-attempts";
import { getUserForLogin, updatePasswordHash } from "../db/users";
import { getDummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { createSession } from "./sessions";
import type { Viewer } from "./viewer";

/** At most 5 failed logins per account and per client address in 15 minutes. */
export const LOGIN_THROTTLE = { maxFailures: 5, windowSeconds: 15 * 60 } as const;

export type LoginResult =
  | { kind: "signed-in"; viewer: Viewer; token: string }
  | { kind: "wrong-credentials" }
  | { kind: "throttled"; retryAfterSeconds: number };

/**
 * One sign-in attempt. The attempt counts as a failure before the password is checked (released when it was right),
 * so the limit holds for parallel guesses and across processes. An unknown email is checked against a dummy hash of
 * the same cost, so it takes as long as a wrong password. A hash of an older cost is replaced after a right password.
 */
export async function attemptLogin(
  input: { email: string; password: string; clientAddress: string },
  verify: (password: string, stored: string) => Promise<boolean> = verifyPassword,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const reservation = await reserveLoginAttempt(email, input.clientAddress, LOGIN_THROTTLE);
  if (!reservation.ok) return { kind: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  const user = await getUserForLogin(email);
  const matches = await verify(input.password, user?.passwordHash ?? (await getDummyPasswordHash()));
  if (!user || !matches) return { kind: "wrong-credentials" };
  await releaseLoginAttempt(reservation.attemptId, email);
  if (needsRehash(user.passwordHash)) {
    await updatePasswordHash(user.id, await hashPassword(input.password)).catch((error: unknown) => {
      console.error(`login: could not rehash the password of user ${user.id}:`, error instanceof Error ? error.message : error);
    });
  }
  const { token } = await createSession(user.id);
  return { kind: "signed-in", viewer: { userId: user.id, email: user.email, name: user.name, role: user.role }, token };
}
