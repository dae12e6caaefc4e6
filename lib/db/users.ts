import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "../auth/password";
import { readSessionSecretFromEnv } from "../auth/session-token";
import { getPrisma } from "./client";

export type Role = "admin" | "user";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function getUserByCredentials(email: string, password: string): Promise<UserDto | null> {
  const user = await getPrisma().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

export async function upsertUser(input: { email: string; name: string; role: Role; password: string }): Promise<UserDto> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const user = await getPrisma().user.upsert({
    where: { email },
    create: { email, name: input.name, role: input.role, passwordHash },
    update: { name: input.name, role: input.role, passwordHash },
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

/** SESSION_SECRET from env, else one generated once and kept in app_settings so restarts keep sessions valid. */
export async function getOrCreateSessionSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = readSessionSecretFromEnv(env);
  if (fromEnv) return fromEnv;
  const prisma = getPrisma();
  const existing = await prisma.appSetting.findUnique({ where: { key: "session_secret" } });
  if (existing) return existing.value;
  const secret = randomBytes(32).toString("base64url");
  await prisma.appSetting.upsert({ where: { key: "session_secret" }, create: { key: "session_secret", value: secret }, update: {} });
  return (await prisma.appSetting.findUniqueOrThrow({ where: { key: "session_secret" } })).value;
}
