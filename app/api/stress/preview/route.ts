import { handle, readJsonBody, requireApiUser } from "@/app/_lib/api";
import { previewStressScenario } from "@/lib/batch/stress-explain";
import { toStressPreviewDto } from "@/lib/queries/to-stress-decomposition";
import { stressPreviewInputSchema } from "@/lib/schemas/stress-scenario";
import { mapStressErrors } from "../_lib/map-stress-error";

export const dynamic = "force-dynamic";

/** The scenario builder: both stress figures for typed shocks on a portfolio the caller may see (own, or any for admins). */
export const POST = handle(async (request: Request) => {
  const session = await requireApiUser();
  const input = stressPreviewInputSchema.parse(await readJsonBody(request));
  const preview = await mapStressErrors(() => previewStressScenario({ viewer: { userId: session.userId, role: session.role }, ...input }));
  return Response.json(toStressPreviewDto(preview));
});
