/**
 * Personal scenarios: a user saves shocks from the builder under a name; only they see it, and the nightly stresses
 * their portfolios with it from then on. Every operation is scoped to the owner.
 */
import { countPersonalScenarios, deletePersonalScenario, insertPersonalScenario } from "../db/stress-scenario-rows";
import { describeScenarioShocks } from "../risk/custom-scenario";
import type { StressFactor } from "../risk/stress-factors";
import { StressRequestError } from "./stress-explain";

export const MAX_PERSONAL_SCENARIOS = 20;

export interface PersonalScenario {
  scenarioId: string;
  name: string;
  description: string;
  shocks: Partial<Record<StressFactor, number>>;
  createdAt: string;
}

/**
 * Saves validated shocks under a name. @throws StressRequestError("invalid") when the owner already has
 * MAX_PERSONAL_SCENARIOS scenarios or one with the same name.
 */
export async function saveOwnScenario(input: { ownerId: string; name: string; shocks: Partial<Record<StressFactor, number>> }): Promise<PersonalScenario> {
  if ((await countPersonalScenarios(input.ownerId)) >= MAX_PERSONAL_SCENARIOS) {
    throw new StressRequestError(`You already have ${MAX_PERSONAL_SCENARIOS} saved scenarios; delete one before saving another.`, "invalid");
  }
  if ((await countPersonalScenarios(input.ownerId, input.name)) > 0) {
    throw new StressRequestError(`You already have a scenario named "${input.name}"; pick another name.`, "invalid");
  }
  const row = await insertPersonalScenario({
    ownerId: input.ownerId,
    name: input.name,
    description: `Your scenario: ${describeScenarioShocks(input.shocks)}.`,
    shocks: input.shocks,
  });
  return { scenarioId: row.scenarioId, name: row.name, description: row.description, shocks: row.shocks, createdAt: row.createdAt };
}

/** @throws StressRequestError("not_found") when the owner has no scenario with that id (someone else's included). */
export async function deleteOwnScenario(ownerId: string, scenarioId: string): Promise<void> {
  if (!(await deletePersonalScenario(ownerId, scenarioId))) throw new StressRequestError(`You have no saved scenario ${scenarioId}.`, "not_found");
}
