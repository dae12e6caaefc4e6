/**
 * The count of committed statements that wrote market_data or company_profiles (statement triggers leave one row per
 * statement in symbol_input_writes; migration 20261204000000). It grows with every commit that could change a close or
 * a provider beta and with nothing else, so two equal readings mean the closes and betas read in between are still
 * what a read now gives. One index-only count of a small table, whatever the size of the universe.
 */
import type pg from "pg";

type Db = Pick<pg.PoolClient, "query">;

/** Rows kept before the oldest are folded into symbol_input_writes_pruned (a nightly writes about a thousand). */
export const SYMBOL_INPUT_WRITES_KEPT = 5_000;

/**
 * `<database oid>:<writes>`. The database's oid tells copies of one database apart (the bench and the tests switch
 * between copies that hold the same count). Rows and pruned total are read in one statement, so a prune committing in
 * between cannot be seen half-done.
 */
export async function readSymbolInputWrites(db: Db): Promise<string> {
  const { rows } = await db.query<{ database: string; writes: string; kept: number }>(
    `SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text AS database,
            ((SELECT statements FROM symbol_input_writes_pruned) + w.kept)::text AS writes, w.kept::int AS kept
       FROM (SELECT count(*) AS kept FROM symbol_input_writes) w`);
  const { database, writes, kept } = rows[0];
  if (kept > 2 * SYMBOL_INPUT_WRITES_KEPT) await pruneSymbolInputWrites(db);
  return `${database}:${writes}`;
}

/**
 * Folds all but the newest SYMBOL_INPUT_WRITES_KEPT rows into the pruned total, in one statement: the total of writes
 * does not change. Rows another prune holds are skipped, and the total's row serialises two prunes.
 */
export async function pruneSymbolInputWrites(db: Db): Promise<number> {
  const { rows } = await db.query<{ pruned: number }>(
    `WITH gone AS (
       DELETE FROM symbol_input_writes WHERE id IN (
         SELECT id FROM symbol_input_writes
          WHERE id < (SELECT min(id) FROM (SELECT id FROM symbol_input_writes ORDER BY id DESC LIMIT $1) newest)
          FOR UPDATE SKIP LOCKED)
       RETURNING 1)
     UPDATE symbol_input_writes_pruned SET statements = statements + (SELECT count(*) FROM gone) RETURNING (SELECT count(*) FROM gone)::int AS pruned`,
    [SYMBOL_INPUT_WRITES_KEPT]);
  return rows[0].pruned;
}
