import { cookies } from "next/headers";
import { createSessionToken, SESSION_COOKIE, SESSION_TTL_SECONDS } from "@/lib/auth/session-token";
import { sessionSecret } from "@/app/_lib/session-secret";
import { getUserByCredentials } from "@/lib/db/users";
import { loginSchema } from "@/lib/schemas/auth";
import { handle, HttpError, parseWith, readJsonBody } from "@/app/_lib/api";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const input = parseWith(loginSchema, await readJsonBody(request));
  const user = await getUserByCredentials(input.email, input.password);
  if (!user) throw new HttpError(401, "Wrong email or password.");
  const token = createSessionToken({ userId: user.id, role: user.role, name: user.name }, await sessionSecret());
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
    secure: process.env.SECURE_COOKIES === "true",
  });
  return Response.json({ user: { name: user.name, role: user.role } });
});
