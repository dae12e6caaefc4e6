/**
 * Phase 6 data access: active scenarios (standard and personal), the date's factor exposures and snapshot figures
 * in one read each, and one transaction per chunk replacing stress_test_results (COPY, compact factor_impacts) and
 * stress_test_summaries.
 */
import type { StressScenarioResult } from "../risk/stress-engine";
import type { StressFactor } from "../risk/stress-factors";
import type pg from "pg";
import { getPool } from "./client";
import { copyField, copyLine, copyTextChunks, copyTextRows, COPY_BUFFER_CHARS } from "./copy-text-rows";
import { FactorImpactsEncoder } from "./stress-factor-impacts";

export interface ActiveScenarioRow {
  id: string;
  scenarioId: string;
  name: string;
  category: string;
  shocks: Partial<Record<StressFactor, number>>;
  /** The owner of a personal scenario; null for a standard one. */
  ownerId: string | null;
}

/** Active standard scenarios, then the personal scenarios of the owners in scope (all owners when scope is null). */
export async function listActiveScenarios(scope: readonly string[] | null = null): Promise<ActiveScenarioRow[]> {
  const { rows } = await getPool().query<{ id: string; scenario_id: string; name: string; category: string; shock_config: Record<string, number>; owner_user_id: string | null }>(
    `SELECT id, scenario_id, name, category, shock_config, owner_user_id FROM stress_test_scenarios
      WHERE active AND (owner_user_id IS NULL OR $1::uuid[] IS NULL
            OR owner_user_id IN (SELECT user_id FROM portfolios WHERE id = ANY($1::uuid[])))
      ORDER BY owner_user_id NULLS FIRST, display_order, scenario_id`,
    [scope],
  );
  return rows.map((row) => ({
    id: row.id, scenarioId: row.scenario_id, name: row.name, category: row.category, shocks: row.shock_config, ownerId: row.owner_user_id,
  }));
}

export interface StressPortfolioRow {
  portfolioId: string;
  ownerId: string;
  /** Null when the portfolio has no complete snapshot on the date. */
  equityUsd: number | null;
  netExposureUsd: number | null;
  /** Dollar exposure by factor name (factor_exposures of the date); empty when none. */
  exposuresUsd: Record<string, number>;
}

/** Portfolios in scope (not deleted) with their snapshot figures and factor exposures of the date. */
export async function listStressPortfolios(calcDate: string, scope: string[] | null): Promise<StressPortfolioRow[]> {
  const pool = getPool();
  const [portfolios, exposures] = await Promise.all([
    pool.query<{ id: string; user_id: string; equity_balance: number | null; net_exposure: number | null }>(
      // With a scope, both tables are read by its ids: `$2 IS NULL OR p.id = ANY($2)` with one snapshot condition
      // on the date had the planner read every portfolio and every snapshot of the date for each chunk.
      `SELECT p.id, p.user_id, s.equity_balance, s.net_exposure
         FROM portfolios p
         LEFT JOIN portfolio_snapshots s ON s.portfolio_id = p.id AND s.snapshot_date = $1 AND s.is_complete${scope === null ? "" : " AND s.portfolio_id = ANY($2::uuid[])"}
        WHERE p.deleted_at IS NULL${scope === null ? "" : " AND p.id = ANY($2::uuid[])"}
        ORDER BY p.id`,
      scope === null ? [calcDate] : [calcDate, scope],
    ),
    // With a scope, one index scan for its ids on the date (index on date and portfolio); joined to unnest() instead,
    // the planner hashed the whole table once the date held a few chunks' rows.
    pool.query<{ portfolio_id: string; name: string; exposure_dollar: number }>(
      `SELECT e.portfolio_id, f.name, e.exposure_dollar FROM factor_exposures e JOIN factor_definitions f ON f.id = e.factor_id
        WHERE e.calculation_date = $1${scope === null ? "" : " AND e.portfolio_id = ANY($2::uuid[])"}`,
    scope === null ? [calcDate] : [calcDate, scope]),
  ]);
  const byPortfolio = new Map<string, Record<string, number>>();
  for (const row of exposures.rows) {
    let map = byPortfolio.get(row.portfolio_id);
    if (!map) byPortfolio.set(row.portfolio_id, (map = {}));
    map[row.name] = row.exposure_dollar;
  }
  return portfolios.rows.map((row) => ({
    portfolioId: row.id,
    ownerId: row.user_id,
    equityUsd: row.equity_balance,
    netExposureUsd: row.net_exposure,
    exposuresUsd: byPortfolio.get(row.id) ?? {},
  }));
}

/** Portfolios (within scope) that already have stress_test_results rows on the date (a rerun of the date). */
export async function listPortfoliosWithResults(calcDate: string, scope: string[] | null): Promise<Set<string>> {
  // With a scope, one primary-key probe per portfolio (the date's index holds every earlier chunk's rows).
  const { rows } = await getPool().query<{ portfolio_id: string }>(scope === null
    ? `SELECT DISTINCT portfolio_id FROM stress_test_results WHERE calculation_date = $1`
    : `SELECT k.id AS portfolio_id FROM unnest($2::uuid[]) AS k(id)
        WHERE EXISTS (SELECT 1 FROM stress_test_results r WHERE r.portfolio_id = k.id AND r.calculation_date = $1)`,
  scope === null ? [calcDate] : [calcDate, scope]);
  return new Set(rows.map((row) => row.portfolio_id));
}

/** One portfolio's stress results as the engine returned them (scenario rows in scenario order). */
export interface StressPortfolioWrite {
  portfolioId: string;
  results: readonly StressScenarioResult[];
}

export interface StressSummaryWrite {
  portfolioId: string;
  scenariosTested: number;
  worstPnl: number;
  worstScenarioId: string;
  bestPnl: number;
  bestScenarioId: string;
  meanPnl: number;
}

/** Stored in calculation_metadata; rows without it were computed by the first stress model. */
export const STRESS_MODEL_VERSION = 2;

export interface StressRunMetadata {
  covarianceDate: string;
  dataDays: number;
  tltDuration: number;
  /** The scenario rows of the run by uuid (stress_test_scenarios.id), for calculation_metadata. */
  scenarios: ReadonlyMap<string, { scenarioId: string; name: string; category: string }>;
}

const RESULT_COPY_SQL = `COPY stress_test_results (portfolio_id, scenario_id, calculation_date, direct_pnl, correlated_pnl,
  correlation_effect, direct_cap_applied, correlated_cap_applied, factor_impacts, calculation_metadata) FROM STDIN`;

/** Stress result rows as COPY text, in ~1 MB byte pieces (see StressResultCopyText). */
export interface StressResultCopy {
  chunks: Buffer[];
  rows: number;
}

/**
 * Replaces the date's results and summaries of `replacePortfolioIds` in the caller's transaction: DELETE, then the results
 * (`results`, encoded by StressResultCopyText) and the summaries by COPY (no conflict is possible: the rows of those
 * portfolios and the date were just deleted in this transaction). `hasExistingResults: false`
 * (from listPortfoliosWithResults, read before the run) skips the results DELETE of a chunk that has nothing to delete.
 */
export async function replaceStressResults(
  client: pg.PoolClient,
  calcDate: string,
  replacePortfolioIds: string[],
  results: StressResultCopy,
  summaries: StressSummaryWrite[],
  options: { hasExistingResults?: boolean } = {},
): Promise<{ resultRows: number; summaryRows: number }> {
  if (options.hasExistingResults ?? true) {
    // Driven by the chunk's ids (primary-key probes), not by the date's index, which holds every earlier chunk's rows.
    await client.query(`DELETE FROM stress_test_results r USING unnest($2::uuid[]) AS k(id) WHERE r.portfolio_id = k.id AND r.calculation_date = $1`, [calcDate, replacePortfolioIds]);
  }
  await client.query(`DELETE FROM stress_test_summaries WHERE calculation_date = $1 AND portfolio_id = ANY($2::uuid[])`, [calcDate, replacePortfolioIds]);
  const resultRows = await copyTextChunks(client, RESULT_COPY_SQL, results.chunks, results.rows);
  const summaryRows = await copyTextRows(
    client,
    `COPY stress_test_summaries (portfolio_id, calculation_date, scenarios_tested, worst_pnl, worst_scenario_id, best_pnl,
       best_scenario_id, mean_pnl) FROM STDIN`,
    summaries.map((x) => copyLine([x.portfolioId, calcDate, x.scenariosTested, x.worstPnl, x.worstScenarioId, x.bestPnl, x.bestScenarioId, x.meanPnl])),
  );
  return { resultRows, summaryRows };
}

/**
 * The COPY text of a date's results, built one portfolio at a time as each is computed (its result objects can then
 * die young instead of living until the chunk's write), as ~1 MB byte pieces: each line is written into the current
 * piece as soon as it is built (no per-row write objects or line arrays kept until the write). calculation_metadata
 * is formatted once per scenario; results of a scenario missing from `metadata.scenarios` are dropped.
 */
export class StressResultCopyText {
  /** By scenarioId (the engine's key), the later row winning as in the phase's own uuid lookup. */
  private readonly byScenario = new Map<string, { between: string; after: string }>();
  private readonly encoder = new FactorImpactsEncoder(true);
  private readonly chunks: Buffer[] = [];
  private piece = Buffer.allocUnsafe(COPY_BUFFER_CHARS);
  private used = 0;
  private rows = 0;

  constructor(calcDate: string, metadata: StressRunMetadata) {
    const date = copyField(calcDate);
    for (const [uuid, scenario] of metadata.scenarios) {
      const meta = copyField(JSON.stringify({
        scenarioName: scenario.name,
        scenarioId: scenario.scenarioId,
        category: scenario.category,
        covarianceDate: metadata.covarianceDate,
        dataDays: metadata.dataDays,
        tltDuration: metadata.tltDuration,
        modelVersion: STRESS_MODEL_VERSION,
      }));
      this.byScenario.set(scenario.scenarioId, { between: `\t${uuid}\t${date}\t`, after: `\t${meta}\n` });
    }
  }

  add({ portfolioId, results }: StressPortfolioWrite): void {
    for (const r of results) {
      const scenario = this.byScenario.get(r.scenarioId);
      if (scenario === undefined) continue;
      const line = `${portfolioId}${scenario.between}${r.directPnl}\t${r.correlatedPnl}\t${r.correlationEffect}\t${r.directCapApplied}\t` +
        `${r.correlatedCapApplied}\t${this.encoder.encode(r.contributions, r.scenarioId, r.marketBetaExposureUsd)}${scenario.after}`;
      // At most 3 UTF-8 bytes per UTF-16 unit: a line that might not fit starts a new piece.
      if (this.used + line.length * 3 > this.piece.length) {
        if (this.used > 0) this.chunks.push(this.piece.subarray(0, this.used));
        this.piece = Buffer.allocUnsafe(Math.max(COPY_BUFFER_CHARS, line.length * 3));
        this.used = 0;
      }
      this.used += this.piece.write(line, this.used);
      this.rows += 1;
    }
  }

  /** The pieces so far (the last one cut to its length); call once, after the last add. */
  finish(): StressResultCopy {
    if (this.used > 0) this.chunks.push(this.piece.subarray(0, this.used));
    this.used = 0;
    return { chunks: this.chunks, rows: this.rows };
  }
}
