import { randomBytes } from "node:crypto";
import { setUserPasswordHash, upsertUserRow, userExists, type Role, type UserDto } from "../db/users";
import { hashPassword } from "./password";

/** Creates the account or replaces its name, role and password (a password change: its sessions end). */
export async function upsertUser(input: { email: string; name: string; role: Role; password: string }): Promise<UserDto> {
  return upsertUserRow({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
}

/** A new password: every session of the user ends (database trigger on password_changed_at). */
export async function setUserPassword(userId: string, password: string): Promise<void> {
  await setUserPasswordHash(userId, await hashPassword(password));
}

export interface SeededLogin {
  email: string;
  password: string;
  role: Role;
  created: boolean;
}

/**
 * Creates the first admin and the demo user once. Passwords come from env (FACTORWATCH_ADMIN_PASSWORD,
 * FACTORWATCH_DEMO_PASSWORD) or are generated; a generated password is returned so `start` can print it once.
 */
export async function seedDefaultUsers(env: NodeJS.ProcessEnv = process.env): Promise<SeededLogin[]> {
  const wanted: { email: string; name: string; role: Role; password?: string }[] = [
    { email: env.FACTORWATCH_ADMIN_EMAIL ?? "admin@factorwatch.local", name: "Admin", role: "admin", password: env.FACTORWATCH_ADMIN_PASSWORD },
    { email: env.FACTORWATCH_DEMO_EMAIL ?? "demo@factorwatch.local", name: "Demo User", role: "user", password: env.FACTORWATCH_DEMO_PASSWORD },
  ];
  const logins: SeededLogin[] = [];
  for (const user of wanted) {
    if (await userExists(user.email)) {
      logins.push({ email: user.email, password: "", role: user.role, created: false });
      continue;
    }
    const password = user.password ?? randomBytes(9).toString("base64url");
    await upsertUser({ ...user, password });
    logins.push({ email: user.email, password, role: user.role, created: true });
  }
  return logins;
}
