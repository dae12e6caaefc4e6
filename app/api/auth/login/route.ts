import { HttpError, route } from "@/app/_lib/route";
import { clientAddressOf } from "@/lib/auth/client-address";
import { attemptLogin } from "@/lib/auth/login";
import { readSessionCookie, serializeSessionCookie } from "@/lib/auth/session-cookie";
import { revokeSession } from "@/lib/auth/sessions";
import { loginSchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

export const POST = route({ access: "public", body: loginSchema }, async ({ request, body }) => {
  const result = await attemptLogin({ ...body, clientAddress: clientAddressOf(request.headers.get("x-forwarded-for")) });
  if (result.kind === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    throw new HttpError(429, `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { "retry-after": String(result.retryAfterSeconds) });
  }
  if (result.kind === "wrong-credentials") throw new HttpError(401, "Wrong email or password.");
  // A new session id at every sign-in: whatever session this browser had before ends here.
  await revokeSession(readSessionCookie(request.headers.get("cookie")));
  const response = Response.json({ user: { name: result.viewer.name, role: result.viewer.role } });
  response.headers.append("set-cookie", serializeSessionCookie(result.token));
  return response;
});
