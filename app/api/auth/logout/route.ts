import { route } from "@/app/_lib/route";
import { readSessionCookie, serializeClearedSessionCookie } from "@/lib/auth/session-cookie";
import { revokeSession } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

/** Ends the session on the server (a copied cookie stops working too) and clears it in the browser. */
export const POST = route({ access: "public" }, async ({ request }) => {
  await revokeSession(readSessionCookie(request.headers.get("cookie")));
  const response = Response.json({ ok: true });
  response.headers.append("set-cookie", serializeClearedSessionCookie());
  return response;
});
