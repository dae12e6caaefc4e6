import { describe, expect, it } from "vitest";
import { FACTOR_DEFINITIONS } from "../risk/factor-definitions";
import { useTestDatabase, useTestDatabaseClient } from "../testing/test-database";
import { seedReferenceData } from "./seed-reference-data";

describe("seedReferenceData", () => {
  const database = useTestDatabase();
  const client = useTestDatabaseClient(database);

  it("seeds the 13 factors and 22 scenarios (19 active) and a second run changes nothing", async () => {
    await seedReferenceData(database.url);
    await seedReferenceData(database.url);
    const factors = (await client.query(`SELECT name, display_order, calculation_method, etf_proxy FROM factor_definitions ORDER BY display_order`)).rows;
    expect(factors.map((row) => row.name)).toEqual(FACTOR_DEFINITIONS.map((factor) => factor.name));
    expect(factors[1]).toEqual({ name: "Provider Beta (1Y)", display_order: 1, calculation_method: "provider_data", etf_proxy: "SPY" });
    const scenarios = (await client.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE active)::int AS active FROM stress_test_scenarios`)).rows[0];
    expect(scenarios).toEqual({ n: 22, active: 19 });
    const crisis = (await client.query(`SELECT shock_config FROM stress_test_scenarios WHERE scenario_id = 'liquidity_crisis'`)).rows[0];
    expect(crisis.shock_config).toEqual({ Market: -0.2, "Low Volatility": -0.3, Quality: 0.15, Size: -0.1 });
  });

  it("keeps an admin's choice to switch a historical replay on", async () => {
    await client.query(`UPDATE stress_test_scenarios SET active = true WHERE scenario_id = 'covid_crash_2020'`);
    await seedReferenceData(database.url);
    const row = (await client.query(`SELECT active FROM stress_test_scenarios WHERE scenario_id = 'covid_crash_2020'`)).rows[0];
    expect(row.active).toBe(true);
  });
});
