import { route } from "@/app/_lib/route";
import { previewStressScenario } from "@/lib/batch/stress-explain";
import { toStressPreviewDto } from "@/lib/queries/to-stress-decomposition";
import { stressPreviewInputSchema } from "@/lib/schemas/stress-scenario";
import { mapStressErrors } from "../_lib/map-stress-error";

export const dynamic = "force-dynamic";

/** The scenario builder: both stress figures for typed shocks on a portfolio the caller may see (own, or any for admins). */
export const POST = route({ access: "user", body: stressPreviewInputSchema }, async ({ viewer, body }) => {
  const preview = await mapStressErrors(() => previewStressScenario({ viewer, ...body }));
  return Response.json(toStressPreviewDto(preview));
});
