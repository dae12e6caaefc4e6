/**
 * Which (portfolio, date) snapshots the exposure and stress phases must (re)compute: every snapshot records the
 * revision its exposures and its stress were computed from, so a snapshot rewritten by Phase 4 (a restatement or a
 * filled hole, on any date) is found by the next exposure and stress phase of the same run, whatever its date.
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
  const { rows } = await db.query<{ portfolio_id: string; snapshot_date: string; revision: number }>(
    `SELECT s.portfolio_id, s.snapshot_date, s.revision
       FROM portfolio_snapshots s JOIN portfolios p ON p.id = s.portfolio_id AND p.deleted_at IS NULL
      WHERE s.portfolio_id = ANY($2::uuid[]) AND s.is_complete ${exposuresReady}
        AND ((s.snapshot_date = $1 AND ($3 OR s.${column} IS DISTINCT FROM s.revision))
          OR (s.snapshot_date <> $1 AND s.${column} IS DISTINCT FROM s.revision))
      ORDER BY s.snapshot_date, s.portfolio_id`,
    [calcDate, portfolioIds, recompute],
  );
  return rows.map((row) => ({ portfolioId: row.portfolio_id, date: row.snapshot_date, revision: row.revision }));
}

/**
 * Records that the stage processed these snapshots at these revisions (a later rewrite makes them stale again). One
 * statement per date, its rows bounded by `snapshot_date = $1 AND portfolio_id = ANY(ids)`: joined on unnest() alone,
 * the planner hashed every snapshot of the table for each chunk (133 ms a chunk at 40,000 portfolios, 30 ms at 10,000).
 */
export async function markRefreshed(db: Db, stage: RefreshStage, pairs: readonly RefreshPair[]): Promise<void> {
  for (const [date, ofDate] of groupPairsByDate(pairs)) {
    await db.query(
      `UPDATE portfolio_snapshots AS t SET ${COLUMN[stage]} = v.revision
         FROM unnest($2::uuid[], $3::int[]) AS v(portfolio_id, revision)
        WHERE t.snapshot_date = $1 AND t.portfolio_id = ANY($2::uuid[]) AND t.portfolio_id = v.portfolio_id AND t.revision = v.revision`,
      [date, ofDate.map((pair) => pair.portfolioId), ofDate.map((pair) => pair.revision)],
    );
  }
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
