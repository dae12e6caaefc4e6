/**
 * Bulk writes of symbol_factor_exposures. Rows of symbols with nothing stored for the date go in by binary COPY (no
 * text formatting or parsing of ~20 numbers a row); the rest are merged with one INSERT … ON CONFLICT per chunk.
 */
import type pg from "pg";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { BinaryCopyWriter } from "./binary-copy-writer";
import { getPool } from "./client";
import type { SymbolFactorExposureRow } from "./symbol-factor-exposures";

type Queryable = Pick<pg.Pool, "query">;

/** Rows per INSERT statement, and per COPY payload. */
export const EXPOSURE_WRITE_CHUNK = 10_000;

const COLUMNS = `symbol, factor_id, calculation_date, beta_value, r_squared, observations, window_start, window_end,
  standard_error, t_stat, p_value, is_capped, quality_flag, calculation_method, regularization_alpha, regression_window_days`;
const UNIQUE_VIOLATION = "23505";

/** A non-finite statistic cannot be stored meaningfully; it becomes NULL (a finite 0 stays 0). */
function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function assertFiniteBetas(caller: string, rows: readonly SymbolFactorExposureRow[]): void {
  const bad = rows.find((row) => !Number.isFinite(row.betaValue));
  if (bad) throw new Error(`${caller} requires finite betas, got ${bad.betaValue} for ${bad.symbol}`);
}

async function upsertChunk(rows: readonly SymbolFactorExposureRow[], db: Queryable): Promise<number> {
  const column = <T>(pick: (row: SymbolFactorExposureRow) => T) => rows.map(pick);
  const result = await db.query(
    `INSERT INTO symbol_factor_exposures (${COLUMNS})
     SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::numeric[], $5::float8[], $6::int[], $7::date[],
       $8::date[], $9::float8[], $10::float8[], $11::float8[], $12::bool[], $13::text[], $14::text[], $15::numeric[], $16::int[])
     ON CONFLICT (symbol, factor_id, calculation_date) DO UPDATE SET
       beta_value = EXCLUDED.beta_value, r_squared = EXCLUDED.r_squared, observations = EXCLUDED.observations,
       window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
       standard_error = EXCLUDED.standard_error, t_stat = EXCLUDED.t_stat, p_value = EXCLUDED.p_value,
       is_capped = EXCLUDED.is_capped, quality_flag = EXCLUDED.quality_flag,
       calculation_method = EXCLUDED.calculation_method, regularization_alpha = EXCLUDED.regularization_alpha,
       regression_window_days = EXCLUDED.regression_window_days`,
    [
      column((row) => row.symbol),
      column((row) => row.factorId),
      column((row) => row.calculationDate),
      column((row) => row.betaValue),
      column((row) => finiteOrNull(row.rSquared)),
      column((row) => row.observations),
      column((row) => row.windowStart),
      column((row) => row.windowEnd),
      column((row) => finiteOrNull(row.standardError)),
      column((row) => finiteOrNull(row.tStat)),
      column((row) => finiteOrNull(row.pValue)),
      column((row) => row.isCapped),
      column((row) => row.qualityFlag),
      column((row) => row.calculationMethod),
      column((row) => finiteOrNull(row.regularizationAlpha)),
      column((row) => row.regressionWindowDays),
    ],
  );
  return result.rowCount ?? 0;
}

/**
 * Bulk upsert keyed by (symbol, factor_id, calculation_date): one INSERT … SELECT FROM unnest per
 * EXPOSURE_WRITE_CHUNK rows. The symbols must already be in symbol_universe (FK; see registerUniverseSymbols).
 * @throws when a beta is not finite (the engine never stores one).
 */
export async function upsertSymbolFactorExposures(
  rows: readonly SymbolFactorExposureRow[],
  db: Queryable = getPool(),
): Promise<number> {
  assertFiniteBetas("upsertSymbolFactorExposures", rows);
  let written = 0;
  for (let start = 0; start < rows.length; start += EXPOSURE_WRITE_CHUNK) {
    written += await upsertChunk(rows.slice(start, start + EXPOSURE_WRITE_CHUNK), db);
  }
  return written;
}


/** The rows as one binary COPY payload, in pieces of EXPOSURE_WRITE_CHUNK rows (memory bounded by a piece). */
function* encodeRows(rows: readonly SymbolFactorExposureRow[]): Generator<Buffer> {
  const writer = new BinaryCopyWriter(EXPOSURE_WRITE_CHUNK * 160);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    writer.row(16).text(row.symbol).int4(row.factorId).date(row.calculationDate).numeric(row.betaValue).float8(row.rSquared)
      .int4(row.observations).date(row.windowStart).date(row.windowEnd).float8(row.standardError).float8(row.tStat)
      .float8(row.pValue).bool(row.isCapped).text(row.qualityFlag).text(row.calculationMethod)
      .numeric(finiteOrNull(row.regularizationAlpha)).int4(row.regressionWindowDays);
    if ((index + 1) % EXPOSURE_WRITE_CHUNK === 0) yield writer.take();
  }
  yield writer.finish();
}

/**
 * Inserts rows that the caller knows are new (their symbols have no row for the date) by binary COPY, inside the
 * caller's transaction. A conflict anyway (another writer got there first) rolls back to a savepoint and merges.
 * @throws when a beta is not finite.
 */
export async function copySymbolFactorExposures(rows: readonly SymbolFactorExposureRow[], client: pg.PoolClient): Promise<number> {
  assertFiniteBetas("copySymbolFactorExposures", rows);
  if (rows.length === 0) return 0;
  await client.query("SAVEPOINT copy_exposures");
  try {
    await pipeline(Readable.from(encodeRows(rows)), client.query(copyFrom(`COPY symbol_factor_exposures (${COLUMNS}) FROM STDIN (FORMAT binary)`)));
    await client.query("RELEASE SAVEPOINT copy_exposures");
    return rows.length;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query("ROLLBACK TO SAVEPOINT copy_exposures");
    return upsertSymbolFactorExposures(rows, client);
  }
}
