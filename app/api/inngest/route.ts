import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";
import { isInngestDev } from "@/inngest/client";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions });

/** Without a signing key or dev mode the SDK can only fail; say why instead (the batch then runs in-process). */
function notConfigured(): Response | null {
  if (process.env.INNGEST_SIGNING_KEY || isInngestDev()) return null;
  return Response.json(
    { error: "Inngest is not configured here: set INNGEST_SIGNING_KEY (Inngest Cloud or a self-hosted server) or INNGEST_DEV=1. Runs execute in the app's process." },
    { status: 503 },
  );
}

type Handler = (request: Request, context: unknown) => Promise<Response>;
const guard = (handler: Handler): Handler => async (request, context) => notConfigured() ?? handler(request, context);

export const GET = guard(handlers.GET as Handler);
export const POST = guard(handlers.POST as Handler);
export const PUT = guard(handlers.PUT as Handler);
