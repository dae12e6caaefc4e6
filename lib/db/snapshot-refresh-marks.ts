/**
 * Which (portfolio, date) snapshots the exposure and stress phases must (re)compute: every snapshot records the
 * revision its exposures and its stress were computed from, so a snapshot rewritten by Phase 4 (a restatement or a
 * filled hole, on any date) is found by the next exposure and stress phase of the same run, whatever its date.
 * Pending snapshots are found through portfolio_snapshot_refresh_queue, which triggers keep (see its migration).
 */
import type pg from "pg";

type Db = Pick<pg.PoolClient, "query">;
export type RefreshStage = "exposures" | "stress";

export interface RefreshPair {
  portfolioId: string;
  date: string;
  revision: number;
}

const COLUMN: Record<RefreshStage, string> = { exposures: "exposures_revision", stress: "stress_revision" };

/**
 * The complete snapshots of these portfolios to process: on `calcDate` (always when `recompute`, else when stale), and
 * on any other date when stale. Stress waits for exposures of the same revision. Oldest date first.
 */
export async function listRefreshPairs(db: Db, calcDate: string, portfolioIds: readonly string[], recompute: boolean, stage: RefreshStage): Promise<RefreshPair[]> {
  const column = COLUMN[stage];
  const exposuresReady = stage === "stress" ? "AND s.exposures_revision = s.revision" : "";
  // Candidates per live portfolio: its snapshot of the date and its queued snapshots of any date (the queue's key
  // index; no index of portfolio_snapshots names the marks, so that marking stays a HOT update), each then looked up
  // by its whole key (materialized, so that no plan reads every date of a portfolio). The marks decide.
  const { rows } = await db.query<{ portfolio_id: string; snapshot_date: string; revision: number }>(
    `WITH candidates AS MATERIALIZED (
       SELECT p.id AS portfolio_id, c.day
         FROM portfolios p
         CROSS JOIN LATERAL (SELECT $1::date AS day
                             UNION SELECT q.snapshot_date FROM portfolio_snapshot_refresh_queue q WHERE q.portfolio_id = p.id) c
        WHERE p.id = ANY($2::uuid[]) AND p.deleted_at IS NULL)
     SELECT s.portfolio_id, s.snapshot_date, s.revision
       FROM candidates c JOIN portfolio_snapshots s ON s.portfolio_id = c.portfolio_id AND s.snapshot_date = c.day
      WHERE s.is_complete ${exposuresReady}
        AND ((s.snapshot_date = $1 AND $3) OR s.${column} IS DISTINCT FROM s.revision)
      ORDER BY s.snapshot_date, s.portfolio_id`,
    [calcDate, portfolioIds, recompute],
  );
  return rows.map((row) => ({ portfolioId: row.portfolio_id, date: row.snapshot_date, revision: row.revision }));
}

/**
 * Records that the stage processed these snapshots at these revisions (a later rewrite makes them stale again). The
 * stress stage, the last one, then drops the queue rows of these portfolios whose snapshots are current (or gone).
 */
export async function markRefreshed(db: Db, stage: RefreshStage, pairs: readonly RefreshPair[]): Promise<void> {
  if (pairs.length === 0) return;
  await db.query(
    `UPDATE portfolio_snapshots AS t SET ${COLUMN[stage]} = v.revision
       FROM unnest($1::uuid[], $2::date[], $3::int[]) AS v(portfolio_id, day, revision)
      WHERE t.portfolio_id = v.portfolio_id AND t.snapshot_date = v.day AND t.revision = v.revision`,
    [pairs.map((pair) => pair.portfolioId), pairs.map((pair) => pair.date), pairs.map((pair) => pair.revision)],
  );
  if (stage !== "stress") return;
  await db.query(
    `DELETE FROM portfolio_snapshot_refresh_queue q
      WHERE q.portfolio_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM portfolio_snapshots s
                         WHERE s.portfolio_id = q.portfolio_id AND s.snapshot_date = q.snapshot_date AND s.is_complete
                           AND (s.exposures_revision IS DISTINCT FROM s.revision OR s.stress_revision IS DISTINCT FROM s.revision))`,
    [[...new Set(pairs.map((pair) => pair.portfolioId))]],
  );
}

/** Groups pairs by date, oldest first. */
export function groupPairsByDate(pairs: readonly RefreshPair[]): Map<string, RefreshPair[]> {
  const byDate = new Map<string, RefreshPair[]>();
  for (const pair of pairs) {
    let list = byDate.get(pair.date);
    if (!list) byDate.set(pair.date, (list = []));
    list.push(pair);
  }
  return byDate;
}
