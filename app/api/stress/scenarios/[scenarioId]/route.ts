import { z } from "zod";
import { HttpError, route } from "@/app/_lib/route";
import { deleteOwnScenario } from "@/lib/batch/personal-scenarios";
import { personalScenarioIdSchema } from "@/lib/schemas/stress-scenario";
import { mapStressErrors } from "../../_lib/map-stress-error";

export const dynamic = "force-dynamic";

/** Deletes one of the caller's saved scenarios (and its results); someone else's is answered as missing. */
export const DELETE = route({ access: "user", params: z.object({ scenarioId: z.string() }) }, async ({ viewer, params }) => {
  if (!personalScenarioIdSchema.safeParse(params.scenarioId).success) throw new HttpError(404, `You have no saved scenario ${params.scenarioId}.`);
  await mapStressErrors(() => deleteOwnScenario(viewer.userId, params.scenarioId));
  return new Response(null, { status: 204 });
});
