import { route } from "@/app/_lib/route";
import { getLastCloses } from "@/lib/queries/get-last-closes";
import { lastClosesQuerySchema } from "@/lib/schemas/last-close";

export const dynamic = "force-dynamic";

/** Last closes of the listed tickers typed in the onboarding form (`?symbols=MSFT,UBER`), for its entry-price check. */
export const GET = route({ access: "user", query: lastClosesQuerySchema }, async ({ viewer, query }) =>
  Response.json({ closes: await getLastCloses(viewer, query.symbols) }));
