/**
 * Scenario rows outside the nightly: one scenario by its id, a user's personal scenarios (read, create, delete, all
 * scoped to the owner), and the portfolio facts a stress explanation or preview starts from.
 */
import { randomBytes } from "node:crypto";
import type { StressFactor } from "../risk/stress-factors";
import { getPool } from "./client";

export interface ScenarioRow {
  id: string;
  scenarioId: string;
  name: string;
  description: string;
  shocks: Partial<Record<StressFactor, number>>;
  active: boolean;
  /** Null for a standard scenario. */
  ownerId: string | null;
  createdAt: string;
}

interface StoredScenario {
  id: string;
  scenario_id: string;
  name: string;
  description: string;
  shock_config: Partial<Record<StressFactor, number>>;
  active: boolean;
  owner_user_id: string | null;
  created_at: Date;
}

const COLUMNS = "id, scenario_id, name, description, shock_config, active, owner_user_id, created_at";

const fromRow = (row: StoredScenario): ScenarioRow => ({
  id: row.id,
  scenarioId: row.scenario_id,
  name: row.name,
  description: row.description,
  shocks: row.shock_config,
  active: row.active,
  ownerId: row.owner_user_id,
  createdAt: row.created_at.toISOString(),
});

export async function getScenarioByScenarioId(scenarioId: string): Promise<ScenarioRow | null> {
  const { rows } = await getPool().query<StoredScenario>(`SELECT ${COLUMNS} FROM stress_test_scenarios WHERE scenario_id = $1`, [scenarioId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The owner's personal scenarios, newest first. */
export async function listPersonalScenarios(ownerId: string): Promise<ScenarioRow[]> {
  const { rows } = await getPool().query<StoredScenario>(
    `SELECT ${COLUMNS} FROM stress_test_scenarios WHERE owner_user_id = $1 ORDER BY created_at DESC, scenario_id`,
    [ownerId],
  );
  return rows.map(fromRow);
}

export async function countPersonalScenarios(ownerId: string, name?: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM stress_test_scenarios WHERE owner_user_id = $1 AND ($2::text IS NULL OR lower(name) = lower($2))`,
    [ownerId, name ?? null],
  );
  return rows[0].n;
}

/** Inserts an active personal scenario with a fresh id (`my_` + 12 hex characters). */
export async function insertPersonalScenario(input: {
  ownerId: string;
  name: string;
  description: string;
  shocks: Partial<Record<StressFactor, number>>;
}): Promise<ScenarioRow> {
  const { rows } = await getPool().query<StoredScenario>(
    `INSERT INTO stress_test_scenarios (id, scenario_id, name, description, group_name, category, severity, shock_config,
                                        active, display_order, owner_user_id)
     VALUES (gen_random_uuid(), $1, $2, $3, 'personal', 'personal', 'custom', $4, true,
             1000 + (SELECT count(*) FROM stress_test_scenarios WHERE owner_user_id = $5), $5)
     RETURNING ${COLUMNS}`,
    [`my_${randomBytes(6).toString("hex")}`, input.name, input.description, JSON.stringify(input.shocks), input.ownerId],
  );
  return fromRow(rows[0]);
}

/** Deletes the owner's scenario (and, by cascade, its results); false when the owner has no such scenario. */
export async function deletePersonalScenario(ownerId: string, scenarioId: string): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `DELETE FROM stress_test_scenarios WHERE scenario_id = $1 AND owner_user_id = $2`,
    [scenarioId, ownerId],
  );
  return (rowCount ?? 0) > 0;
}

/** A live (not deleted) portfolio's owner and name, or null. */
export async function getPortfolioOwner(portfolioId: string): Promise<{ ownerId: string; name: string } | null> {
  const { rows } = await getPool().query<{ user_id: string; name: string }>(
    `SELECT user_id, name FROM portfolios WHERE id = $1 AND deleted_at IS NULL`,
    [portfolioId],
  );
  return rows[0] ? { ownerId: rows[0].user_id, name: rows[0].name } : null;
}

/** The latest date with factor exposures for the portfolio (the date its stress is computed on), or null. */
export async function getLatestExposureDate(portfolioId: string): Promise<string | null> {
  const { rows } = await getPool().query<{ date: string | null }>(
    `SELECT max(calculation_date) AS date FROM factor_exposures WHERE portfolio_id = $1`,
    [portfolioId],
  );
  return rows[0]?.date ?? null;
}
