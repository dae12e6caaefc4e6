import { handle, HttpError, requireApiUser } from "@/app/_lib/api";
import { deleteOwnScenario } from "@/lib/batch/personal-scenarios";
import { personalScenarioIdSchema } from "@/lib/schemas/stress-scenario";
import { mapStressErrors } from "../../_lib/map-stress-error";

export const dynamic = "force-dynamic";

/** Deletes one of the caller's saved scenarios (and its results); someone else's is answered as missing. */
export const DELETE = handle(async (_request: Request, { params }: { params: Promise<{ scenarioId: string }> }) => {
  const session = await requireApiUser();
  const { scenarioId } = await params;
  if (!personalScenarioIdSchema.safeParse(scenarioId).success) throw new HttpError(404, `You have no saved scenario ${scenarioId}.`);
  await mapStressErrors(() => deleteOwnScenario(session.userId, scenarioId));
  return new Response(null, { status: 204 });
});
