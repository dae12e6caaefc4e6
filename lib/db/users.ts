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

/** A new password's hash: every session of the user ends (database trigger on password_changed_at). */
export async function setUserPasswordHash(userId: string, passwordHash: string): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
}

/** A new role: every session of the user ends (database trigger on role), so it applies from the next request. */
export async function setUserRole(userId: string, role: Role): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { role } });
}

/** Creates the account or replaces its name, role and password hash (a password change: its sessions end). */
export async function upsertUserRow(input: { email: string; name: string; role: Role; passwordHash: string }): Promise<UserDto> {
  const email = input.email.trim().toLowerCase();
  const { passwordHash } = input;
  const user = await getPrisma().user.upsert({
    where: { email },
    create: { email, name: input.name, role: input.role, passwordHash },
    update: { name: input.name, role: input.role, passwordHash, passwordChangedAt: new Date() },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

export async function userExists(email: string): Promise<boolean> {
  return (await getPrisma().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } })) !== null;
}
