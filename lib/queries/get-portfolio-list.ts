import "server-only";
import { assertSignedIn, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import type { PortfolioListItem } from "@/lib/schemas/portfolio-dto";

export type { PortfolioListItem } from "@/lib/schemas/portfolio-dto";

/** The viewer's own portfolios (never another user's, an admin's included). */
export async function getPortfolioList(viewer: Viewer): Promise<PortfolioListItem[]> {
  assertSignedIn(viewer);
  const { rows } = await getPool().query(
    `SELECT p.id, p.name, p.starting_equity, p.current_equity, p.current_equity_date, p.inception_date,
            (SELECT count(*)::int FROM positions x WHERE x.portfolio_id = p.id AND x.deleted_at IS NULL) AS positions
       FROM portfolios p WHERE p.user_id = $1 AND p.deleted_at IS NULL ORDER BY p.created_at, p.name`, [viewer.userId]);
  return rows.map((row) => ({
    id: row.id, name: row.name, startingEquity: row.starting_equity, currentEquity: row.current_equity,
    currentEquityDate: row.current_equity_date, positions: row.positions, inceptionDate: row.inception_date,
  }));
}
