import "server-only";
import { assertSignedIn, type Viewer } from "@/lib/auth/viewer";
import { listPersonalScenarios } from "@/lib/db/stress-scenario-rows";
import type { PersonalScenarioDto } from "@/lib/schemas/stress-dto";

/** The viewer's own saved scenarios, newest first; nobody else's, admins included. */
export async function getPersonalScenarios(viewer: Viewer): Promise<PersonalScenarioDto[]> {
  assertSignedIn(viewer);
  return (await listPersonalScenarios(viewer.userId)).map((row) => ({
    scenarioId: row.scenarioId, name: row.name, description: row.description, shocks: row.shocks as Record<string, number>, createdAt: row.createdAt,
  }));
}
