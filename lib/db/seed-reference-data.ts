import pg from "pg";
import { FACTOR_DEFINITIONS } from "../risk/factor-definitions";
import { STRESS_SCENARIOS } from "../risk/stress-scenarios";

export interface ReferenceSeedResult {
  factorDefinitions: number;
  stressScenarios: number;
}

type Queryable = Pick<pg.Client, "query">;

/**
 * Seeds the 13 factor definitions and the 22 stress scenarios from their single definitions in lib/risk.
 * Idempotent: rows are upserted by their natural key, so a second run changes nothing and never duplicates.
 */
export async function seedReferenceData(databaseUrlOrClient: string | Queryable): Promise<ReferenceSeedResult> {
  const ownClient = typeof databaseUrlOrClient === "string" ? new pg.Client({ connectionString: databaseUrlOrClient }) : null;
  const client: Queryable = ownClient ?? (databaseUrlOrClient as Queryable);
  if (ownClient) await ownClient.connect();
  try {
    await client.query(
      `INSERT INTO factor_definitions (name, description, factor_type, calculation_method, etf_proxy, display_order, is_active)
       SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bool[])
       ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, factor_type = EXCLUDED.factor_type,
         calculation_method = EXCLUDED.calculation_method, etf_proxy = EXCLUDED.etf_proxy,
         display_order = EXCLUDED.display_order`,
      [
        FACTOR_DEFINITIONS.map((factor) => factor.name),
        FACTOR_DEFINITIONS.map((factor) => factor.description),
        FACTOR_DEFINITIONS.map((factor) => factor.factorType),
        FACTOR_DEFINITIONS.map((factor) => factor.definitionMethod),
        FACTOR_DEFINITIONS.map((factor) => factor.etfProxy),
        FACTOR_DEFINITIONS.map((factor) => factor.displayOrder),
        FACTOR_DEFINITIONS.map(() => true),
      ],
    );
    await client.query(
      `INSERT INTO stress_test_scenarios (id, scenario_id, name, description, group_name, category, severity, shock_config, active, display_order)
       SELECT gen_random_uuid(), s.* FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::bool[], $9::int[])
         AS s(scenario_id, name, description, group_name, category, severity, shock_config, active, display_order)
       ON CONFLICT (scenario_id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
         group_name = EXCLUDED.group_name, category = EXCLUDED.category, severity = EXCLUDED.severity,
         shock_config = EXCLUDED.shock_config, display_order = EXCLUDED.display_order`,
      [
        STRESS_SCENARIOS.map((scenario) => scenario.scenarioId),
        STRESS_SCENARIOS.map((scenario) => scenario.name),
        STRESS_SCENARIOS.map((scenario) => scenario.description),
        STRESS_SCENARIOS.map((scenario) => scenario.groupName),
        STRESS_SCENARIOS.map((scenario) => scenario.category),
        STRESS_SCENARIOS.map((scenario) => scenario.severity),
        STRESS_SCENARIOS.map((scenario) => JSON.stringify(scenario.shocks)),
        STRESS_SCENARIOS.map((scenario) => scenario.active),
        STRESS_SCENARIOS.map((scenario) => scenario.displayOrder),
      ],
    );
    return { factorDefinitions: FACTOR_DEFINITIONS.length, stressScenarios: STRESS_SCENARIOS.length };
  } finally {
    if (ownClient) await ownClient.end();
  }
}
