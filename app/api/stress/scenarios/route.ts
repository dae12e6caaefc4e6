import { handle, HttpError, readJsonBody, requireApiUser } from "@/app/_lib/api";
import { saveOwnScenario } from "@/lib/batch/personal-scenarios";
import { getPersonalScenarios } from "@/lib/queries/get-personal-scenarios";
import { personalScenarioInputSchema } from "@/lib/schemas/stress-scenario";
import { mapStressErrors } from "../_lib/map-stress-error";

export const dynamic = "force-dynamic";

/** The caller's own saved scenarios; nobody else's. */
export const GET = handle(async () => {
  const session = await requireApiUser();
  return Response.json({ scenarios: await getPersonalScenarios(session) });
});

/** Saves a personal scenario; the nightly stresses the caller's portfolios with it from then on. */
export const POST = handle(async (request: Request) => {
  const session = await requireApiUser();
  const input = personalScenarioInputSchema.parse(await readJsonBody(request));
  const saved = await mapStressErrors(() => saveOwnScenario({ ownerId: session.userId, ...input }));
  return Response.json(saved, { status: 201 });
});

/** Deleting needs the scenario's id in the path; say so rather than answer an empty 405. */
export const DELETE = handle(async () => {
  throw new HttpError(405, "Name the saved scenario to delete: DELETE /api/stress/scenarios/<scenario id>.");
});
