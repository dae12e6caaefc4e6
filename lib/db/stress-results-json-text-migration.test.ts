import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { MIGRATIONS_DIR, migrateDatabase } from "./migrate";
import { expandFactorImpacts, readMarketBetaExposure } from "./stress-factor-impacts";

const MIGRATION = "20261203100000_stress_results_json_text";

/** The migrations folder as it was before MIGRATION (later stamps left out too). */
function migrationsBefore(stamp: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fw-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (/^\d{14}_/.test(name) && name >= stamp) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  return dir;
}

describe(`migration ${MIGRATION}`, () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase("template0");
    await migrateDatabase(database.url, migrationsBefore(MIGRATION));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("turns stored JSONB rows into JSON text of the same content, readable as before", async () => {
    const user = await client.query(`INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'm@x.y', 'm', 'h') RETURNING id`);
    const portfolio = await client.query(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       VALUES (gen_random_uuid(), $1, 'p', 1000, 1000, '2026-01-02') RETURNING id`, [user.rows[0].id]);
    const scenario = await client.query(
      `INSERT INTO stress_test_scenarios (id, scenario_id, name, description, group_name, category, severity, shock_config, display_order)
       VALUES (gen_random_uuid(), 'market_down_10', 'Market Decline 10%', 'd', 'g', 'market', 'moderate', '{"Market": -0.1}', 1) RETURNING id`);
    // A compact row (with the Market beta exposure and a tiny number) and a first-model row in the full shape.
    const impacts = {
      Market: { e: 2990, b: 4680, d: -468, c: -299.5, r: -0.1, s: -0.1 },
      Value: { e: 1e-7, d: 0, c: -120.25, r: -0.0400000000000001 },
      "Interest Rate": { e: -1365.5, d: 0, c: 225.23, r: 0.165 },
    };
    const metadata = { scenarioName: "Market Decline 10%", scenarioId: "market_down_10", covarianceDate: "2026-01-02", dataDays: 252, modelVersion: 2 };
    const firstModel = { "IR Beta": { shock: 0.01, factorReturn: -0.165, exposureUsd: 1, directPnl: -0.17, correlatedPnl: -0.17 } };
    await client.query(
      `INSERT INTO stress_test_results (portfolio_id, scenario_id, calculation_date, direct_pnl, correlated_pnl, correlation_effect,
              factor_impacts, calculation_metadata)
       VALUES ($1, $2, '2026-01-02', -468, -194.27, 273.73, $3::jsonb, $4::jsonb), ($1, $2, '2026-01-05', -0.17, -0.17, 0, $5::jsonb, '{}'::jsonb)`,
      [portfolio.rows[0].id, scenario.rows[0].id, JSON.stringify(impacts), JSON.stringify(metadata), JSON.stringify(firstModel)]);
    const read = () => client.query<{ factor_impacts: unknown; calculation_metadata: unknown; as_text: string; metadata_text: string }>(
      `SELECT factor_impacts, calculation_metadata, factor_impacts::text AS as_text, calculation_metadata::text AS metadata_text
         FROM stress_test_results ORDER BY calculation_date`);
    const before = (await read()).rows;

    expect((await migrateDatabase(database.url)).applied).toContain(MIGRATION);

    const types = await client.query(`SELECT column_name, data_type FROM information_schema.columns
      WHERE table_name = 'stress_test_results' AND column_name IN ('factor_impacts', 'calculation_metadata') ORDER BY column_name`);
    expect(types.rows).toEqual([{ column_name: "calculation_metadata", data_type: "text" }, { column_name: "factor_impacts", data_type: "text" }]);
    const after = (await read()).rows;
    expect(after).toHaveLength(2);
    for (const [index, row] of after.entries()) {
      // The text is JSONB's own text of the value, so it reads back as exactly the value that was stored.
      expect(row.factor_impacts).toBe(before[index].as_text);
      expect(row.calculation_metadata).toBe(before[index].metadata_text);
      expect(JSON.parse(row.factor_impacts as string)).toEqual(before[index].factor_impacts);
      expect(JSON.parse(row.calculation_metadata as string)).toEqual(before[index].calculation_metadata);
    }
    expect(JSON.parse(after[0].factor_impacts as string)).toEqual(impacts);
    expect(JSON.parse(after[0].calculation_metadata as string)).toEqual(metadata);
    const contributions = expandFactorImpacts(JSON.parse(after[0].factor_impacts as string));
    expect(contributions.Value).toEqual({ shock: null, move: -0.0400000000000001, exposureUsd: 1e-7, directPnl: 0, correlatedPnl: -120.25 });
    expect(readMarketBetaExposure(JSON.parse(after[0].factor_impacts as string))).toBe(4680);
    expect(expandFactorImpacts(JSON.parse(after[1].factor_impacts as string))["IR Beta"]).toEqual({ shock: 0.01, move: -0.165, exposureUsd: 1, directPnl: -0.17, correlatedPnl: -0.17 });
  });
});
