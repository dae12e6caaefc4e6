import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { readGlobalReadModel, storeGlobalReadModel } from "@/lib/db/read-models";
import { getStressOverview, type StressOverview } from "./get-stress-overview";

const KEY = "stress-overview:latest";

/**
 * The admin stress page from its stored read model: one query while no portfolio phase has written since it was
 * stored. Only the page as it opens (the latest date, no chosen cell) is stored; another date or a chosen portfolio ×
 * scenario is computed as before. Admins only.
 */
export async function readStressOverview(viewer: Viewer, input: { date?: string; portfolioId?: string; scenarioId?: string } = {}): Promise<StressOverview> {
  assertAdmin(viewer);
  if (input.date || input.portfolioId || input.scenarioId) return getStressOverview(viewer, input);
  const stored = await readGlobalReadModel(KEY);
  if (stored.bodyJson !== null) return JSON.parse(stored.bodyJson) as StressOverview;
  const overview = await getStressOverview(viewer, input);
  await storeGlobalReadModel(KEY, stored.generation, overview.date, JSON.stringify(overview));
  return overview;
}
