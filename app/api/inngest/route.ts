import { serve } from "inngest/next";
import { HttpError, route } from "@/app/_lib/route";
import { functions, inngest } from "@/inngest";
import { InngestConfigError, readInngestMode } from "@/lib/config/inngest-mode";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions });

type Handler = (request: Request, context: unknown) => Promise<Response>;

/**
 * Calls come from the Inngest server, which signs them (INNGEST_SIGNING_KEY; the SDK rejects unsigned ones), so
 * there is no browser Origin to check. Without Inngest configured the SDK could only fail: say why instead.
 */
function inngestRoute(handler: Handler) {
  return route({ access: "public", caller: "signed" }, async ({ request }) => {
    let mode;
    try {
      mode = readInngestMode();
    } catch (error) {
      if (error instanceof InngestConfigError) throw new HttpError(503, error.message);
      throw error;
    }
    if (mode === "off") {
      throw new HttpError(503, "Inngest is not configured here: set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (Inngest Cloud or a self-hosted server), or INNGEST_DEV=1 in development. Runs execute in the app's process.");
    }
    return handler(request, undefined);
  });
}

export const GET = inngestRoute(handlers.GET as Handler);
export const POST = inngestRoute(handlers.POST as Handler);
export const PUT = inngestRoute(handlers.PUT as Handler);
