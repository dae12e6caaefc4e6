import { HttpError, route } from "@/app/_lib/route";
import { saveOwnScenario } from "@/lib/batch/personal-scenarios";
import { getPersonalScenarios } from "@/lib/queries/get-personal-scenarios";
import { personalScenarioInputSchema } from "@/lib/schemas/stress-scenario";
import { mapStressErrors } from "../_lib/map-stress-error";

export const dynamic = "force-dynamic";

/** The caller's own saved scenarios; nobody else's. */
export const GET = route({ access: "user" }, async ({ viewer }) => Response.json({ scenarios: await getPersonalScenarios(viewer) }));

/** Saves a personal scenario; the nightly stresses the caller's portfolios with it from then on. */
export const POST = route({ access: "user", body: personalScenarioInputSchema }, async ({ viewer, body }) => {
  const saved = await mapStressErrors(() => saveOwnScenario({ ownerId: viewer.userId, ...body }));
  return Response.json(saved, { status: 201 });
});

/** Deleting needs the scenario's id in the path; say so rather than answer an empty 405. */
export const DELETE = route({ access: "user" }, async () => {
  throw new HttpError(405, "Name the saved scenario to delete: DELETE /api/stress/scenarios/<scenario id>.");
});
