import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/password";
import { getPrisma } from "./client";
import type { Role } from "./sessions";

export type { Role } from "./sessions";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The account a login names (email compared trimmed and lower-cased), with its stored hash; null when there is none. */
export async function getUserForLogin(email: string): Promise<(UserDto & { passwordHash: string }) | null> {
  const user = await getPrisma().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role as Role, passwordHash: user.passwordHash } : null;
}

/** Replaces a hash by one of the same password at today's cost; not a password change, so sessions stay. */
export async function updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { passwordHash } });
}

/** A new password: every session of the user ends (database trigger on password_changed_at). */
export async function setUserPassword(userId: string, password: string): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date() } });
}

/** A new role: every session of the user ends (database trigger on role), so it applies from the next request. */
export async function setUserRole(userId: string, role: Role): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { role } });
}

export async function upsertUser(input: { email: string; name: string; role: Role; password: string }): Promise<UserDto> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const user = await getPrisma().user.upsert({
    where: { email },
    create: { email, name: input.name, role: input.role, passwordHash },
    update: { name: input.name, role: input.role, passwordHash, passwordChangedAt: new Date() },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
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
    const existing = await getPrisma().user.findUnique({ where: { email: user.email } });
    if (existing) {
      logins.push({ email: user.email, password: "", role: user.role, created: false });
      continue;
    }
    const password = user.password ?? randomBytes(9).toString("base64url");
    await upsertUser({ ...user, password });
    logins.push({ email: user.email, password, role: user.role, created: true });
  }
  return logins;
}
