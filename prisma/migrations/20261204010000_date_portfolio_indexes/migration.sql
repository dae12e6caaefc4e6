-- The portfolio phases read and replace a date's rows of one chunk of portfolios (date = $1 AND portfolio_id = ANY).
-- On a date the statistics have not seen yet, the planner takes the date-only index for nearly empty and reads every
-- row the earlier chunks of the date wrote (or hashes the whole table), so each chunk cost more than the last: at
-- 40,000 portfolios, a quarter of a second per statement. Indexed on (date, portfolio), whichever index the planner
-- picks finds exactly the chunk's rows; queries by date alone still use the index's first column.
DROP INDEX "factor_exposures_calculation_date_idx";
CREATE INDEX "factor_exposures_calculation_date_portfolio_id_idx" ON "factor_exposures"("calculation_date", "portfolio_id");
DROP INDEX "portfolio_snapshots_snapshot_date_idx";
CREATE INDEX "portfolio_snapshots_snapshot_date_portfolio_id_idx" ON "portfolio_snapshots"("snapshot_date", "portfolio_id");
