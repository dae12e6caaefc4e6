/**
 * The references of the nightly's COPY-filled tables (symbol_factor_exposures, factor_exposures, stress_test_results)
 * are kept per statement by triggers (prisma/migrations/20261205000000_statement_level_references), not by foreign
 * keys. They must behave as the foreign keys did: a row naming a missing parent fails its statement with 23503 and
 * writes nothing, the parent is locked against deletion until the writer commits, and deleting, truncating or
 * re-keying a parent cascades (or is refused while referenced, for factor definitions).
 */
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { getPool } from "./client";
import { getDatabaseUrlOrThrow } from "./database-url";
import { insertTestPortfolio, insertTestUser } from "../testing/portfolio-fixtures";
import { useTestDatabase } from "../testing/test-database";

useTestDatabase();

const DATE = "2025-06-13";
const MISSING_PORTFOLIO = "00000000-0000-4000-8000-00000000dead";

let portfolioId: string;
let otherPortfolioId: string;
let factorId: number;
let scenarioIds: string[];

beforeEach(async () => {
  const userId = await insertTestUser();
  portfolioId = await insertTestPortfolio({ userId, startingEquity: 1_000_000, inceptionDate: "2025-01-02" });
  otherPortfolioId = await insertTestPortfolio({ userId, startingEquity: 500_000, inceptionDate: "2025-01-02" });
  const pool = getPool();
  factorId = (await pool.query<{ id: number }>(`SELECT id FROM factor_definitions ORDER BY id LIMIT 1`)).rows[0].id;
  scenarioIds = (await pool.query<{ id: string }>(`SELECT id FROM stress_test_scenarios WHERE owner_user_id IS NULL ORDER BY id LIMIT 2`)).rows.map((row) => row.id);
  expect(scenarioIds).toHaveLength(2);
});

async function insertExposures(db: Pick<pg.Pool, "query">, portfolioIds: string[], factor = factorId) {
  return db.query(
    `INSERT INTO factor_exposures (portfolio_id, factor_id, calculation_date, exposure_value, exposure_dollar)
     SELECT p, $2, $3, 0.5, 1000 FROM unnest($1::uuid[]) AS p`,
    [portfolioIds, factor, DATE],
  );
}

async function insertStress(db: Pick<pg.Pool, "query">, portfolioIds: string[], scenarios = scenarioIds) {
  return db.query(
    `INSERT INTO stress_test_results (portfolio_id, scenario_id, calculation_date, direct_pnl, correlated_pnl, correlation_effect,
            factor_impacts, calculation_metadata)
     SELECT p, s, $3, -100, -120, -20, '{}', '{}' FROM unnest($1::uuid[]) AS p, unnest($2::uuid[]) AS s`,
    [portfolioIds, scenarios, DATE],
  );
}

async function count(table: string, where = "true", params: unknown[] = []): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0].n;
}

describe("statement-level references", () => {
  it("are the only references of those tables, and those tables have no foreign key left", async () => {
    const { rows } = await getPool().query<{ table_name: string; trigger_name: string }>(
      `SELECT c.relname AS table_name, t.tgname AS trigger_name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgname LIKE '%_references' ORDER BY 1, 2`);
    expect(rows.filter((row) => row.trigger_name.endsWith("_insert_references")).map((row) => row.table_name))
      .toEqual(["factor_exposures", "stress_test_results", "symbol_factor_exposures"]);
    const foreignKeys = await getPool().query(
      `SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('factor_exposures', 'stress_test_results', 'symbol_factor_exposures')`);
    expect(foreignKeys.rows).toEqual([]);
  });

  it("refuse a statement naming a missing parent, with 23503 and the key, and write none of its rows", async () => {
    const error = await insertExposures(getPool(), [portfolioId, MISSING_PORTFOLIO]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "23503", table: "factor_exposures" });
    expect((error as pg.DatabaseError).detail).toBe(`Key (portfolio_id)=(${MISSING_PORTFOLIO}) is not present in table "portfolios".`);
    expect(await count("factor_exposures", "portfolio_id = $1", [portfolioId])).toBe(0);

    const badScenario = await insertStress(getPool(), [portfolioId], [scenarioIds[0], MISSING_PORTFOLIO]).catch((caught: unknown) => caught);
    expect(badScenario).toMatchObject({ code: "23503", table: "stress_test_results" });
    expect((badScenario as pg.DatabaseError).detail).toContain(`is not present in table "stress_test_scenarios"`);
    const badFactor = await insertExposures(getPool(), [portfolioId], 999_999).catch((caught: unknown) => caught);
    expect((badFactor as pg.DatabaseError).detail).toBe(`Key (factor_id)=(999999) is not present in table "factor_definitions".`);
    const badSymbol = await getPool().query(
      `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
       VALUES ('NOSUCHSYMBOL', $1, $2, 1, 90, 'ridge')`, [factorId, DATE]).catch((caught: unknown) => caught);
    expect((badSymbol as pg.DatabaseError).detail).toBe(`Key (symbol)=(NOSUCHSYMBOL) is not present in table "symbol_universe".`);
    expect(await count("stress_test_results", "portfolio_id = $1", [portfolioId])).toBe(0);

    // An UPDATE that points a row at a missing parent is refused too.
    await insertExposures(getPool(), [portfolioId]);
    const moved = await getPool().query(`UPDATE factor_exposures SET portfolio_id = $1 WHERE portfolio_id = $2`, [MISSING_PORTFOLIO, portfolioId])
      .catch((caught: unknown) => caught);
    expect(moved).toMatchObject({ code: "23503" });
    expect(await count("factor_exposures", "portfolio_id = $1", [portfolioId])).toBe(1);
  });

  it("cascade a portfolio's deletion to its exposures and stress results, and a scenario's to its results", async () => {
    await insertExposures(getPool(), [portfolioId, otherPortfolioId]);
    await insertStress(getPool(), [portfolioId, otherPortfolioId]);
    await getPool().query(`DELETE FROM portfolios WHERE id = $1`, [portfolioId]);
    expect(await count("factor_exposures", "portfolio_id = $1", [portfolioId])).toBe(0);
    expect(await count("stress_test_results", "portfolio_id = $1", [portfolioId])).toBe(0);
    expect(await count("factor_exposures", "portfolio_id = $1", [otherPortfolioId])).toBe(1);
    expect(await count("stress_test_results", "portfolio_id = $1", [otherPortfolioId])).toBe(2);

    await getPool().query(`DELETE FROM stress_test_scenarios WHERE id = $1`, [scenarioIds[0]]);
    const { rows } = await getPool().query<{ scenario_id: string }>(`SELECT scenario_id FROM stress_test_results WHERE portfolio_id = $1`, [otherPortfolioId]);
    expect(rows.map((row) => row.scenario_id)).toEqual([scenarioIds[1]]);
  });

  it("refuse deleting a factor definition while an exposure names it, and carry a changed key to the rows", async () => {
    await insertExposures(getPool(), [portfolioId]);
    await expect(getPool().query(`DELETE FROM factor_definitions WHERE id = $1`, [factorId])).rejects.toMatchObject({ code: "23503" });
    expect(await count("factor_definitions", "id = $1", [factorId])).toBe(1);

    const client = await getPool().connect();
    try {
      // Rolled back: the test database's reference data stays as seeded.
      await client.query("BEGIN");
      await client.query(`UPDATE factor_definitions SET id = 9000 WHERE id = $1`, [factorId]);
      const { rows } = await client.query<{ factor_id: number }>(`SELECT factor_id FROM factor_exposures WHERE portfolio_id = $1`, [portfolioId]);
      expect(rows).toEqual([{ factor_id: 9000 }]);
      await client.query(`UPDATE portfolios SET id = $1 WHERE id = $2`, [MISSING_PORTFOLIO, portfolioId]);
      expect((await client.query(`SELECT 1 FROM factor_exposures WHERE portfolio_id = $1`, [MISSING_PORTFOLIO])).rowCount).toBe(1);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  it("cascade TRUNCATE of symbol_universe to symbol_factor_exposures, also when both are named", async () => {
    const client = await getPool().connect();
    try {
      await client.query("BEGIN");
      await client.query(`INSERT INTO symbol_universe (symbol) VALUES ('REFTEST') ON CONFLICT DO NOTHING`);
      await client.query(
        `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
         VALUES ('REFTEST', $1, $2, 1, 90, 'ridge')`, [factorId, DATE]);
      await client.query(`SAVEPOINT before_truncate`);
      await client.query(`TRUNCATE symbol_universe CASCADE`);
      expect((await client.query(`SELECT 1 FROM symbol_factor_exposures`)).rowCount).toBe(0);
      // Naming the child in the same TRUNCATE works too (the tests' own clean-up does).
      await client.query(`ROLLBACK TO SAVEPOINT before_truncate`);
      await client.query(`TRUNCATE symbol_universe, symbol_factor_exposures CASCADE`);
      expect((await client.query(`SELECT 1 FROM symbol_universe`)).rowCount).toBe(0);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  it("lock the named parents until the writer commits, as a foreign key does", async () => {
    const writer = await getPool().connect();
    const deleter = new pg.Client({ connectionString: getDatabaseUrlOrThrow() });
    await deleter.connect();
    try {
      await writer.query("BEGIN");
      await insertStress(writer, [portfolioId]);
      await deleter.query(`SET lock_timeout = '300ms'`);
      await expect(deleter.query(`DELETE FROM portfolios WHERE id = $1`, [portfolioId])).rejects.toMatchObject({ code: "55P03" });
      // The other portfolio, not named by the writer's rows, is not locked.
      await deleter.query(`DELETE FROM portfolios WHERE id = $1`, [otherPortfolioId]);
      await writer.query("COMMIT");
      await deleter.query(`DELETE FROM portfolios WHERE id = $1`, [portfolioId]);
      expect(await count("stress_test_results", "portfolio_id = $1", [portfolioId])).toBe(0);
    } finally {
      await writer.query("ROLLBACK").catch(() => undefined);
      writer.release();
      await deleter.end();
    }
  });
});
