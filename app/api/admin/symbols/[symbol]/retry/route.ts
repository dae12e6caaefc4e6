import { z } from "zod";
import { HttpError, route } from "@/app/_lib/route";
import { clearUnpricedMark } from "@/lib/db/symbol-pricing";
import { normalizeSymbol } from "@/lib/base/symbols";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ symbol: z.string().min(1).max(64).transform((raw) => normalizeSymbol(decodeURIComponent(raw))) });

/** Clears a symbol's unpriced mark: the next nightly tries to price it again. */
export const POST = route({ access: "admin", params: paramsSchema }, async ({ params }) => {
  if (!(await clearUnpricedMark(params.symbol))) throw new HttpError(404, `${params.symbol} is not marked unpriced.`);
  return Response.json({ symbol: params.symbol, cleared: true });
});
