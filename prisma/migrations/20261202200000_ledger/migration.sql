-- The ledger holds (kept in step with prisma/schema.prisma): run and job leases, date locks, the snapshot chain's
-- revisions, money columns wide enough for every value the input bounds allow, and symbols that cannot be priced.

-- A running run has an owner token; only the owner may beat, complete steps or finish it. Inngest runs are judged
-- stale against their step timeout, in-process runs against 30 s. `waiting_for` says which run holds a date it needs.
ALTER TABLE "batch_runs" ADD COLUMN "owner" VARCHAR(64);
ALTER TABLE "batch_runs" ADD COLUMN "stale_after_ms" INTEGER NOT NULL DEFAULT 30000;
ALTER TABLE "batch_runs" ADD COLUMN "waiting_for" TEXT;
-- One running run per job type, except onboarding: every onboarding request is its own run (date locks serialise them).
DROP INDEX "batch_runs_one_running_per_job_type";
CREATE UNIQUE INDEX "batch_runs_one_running_per_job_type" ON "batch_runs"("job_type") WHERE "status" = 'running' AND "job_type" <> 'onboarding';

-- One writer per (calc date, phase group) across job types.
CREATE TABLE "batch_date_locks" (
    "calc_date" DATE NOT NULL,
    "phase_group" VARCHAR(24) NOT NULL,
    "run_id" UUID NOT NULL,
    "acquired_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "batch_date_locks_pkey" PRIMARY KEY ("calc_date", "phase_group"),
    CONSTRAINT "batch_date_locks_group_check" CHECK ("phase_group" IN ('symbol_batch', 'portfolio_refresh'))
);
CREATE INDEX "batch_date_locks_run_id_idx" ON "batch_date_locks"("run_id");
ALTER TABLE "batch_date_locks" ADD CONSTRAINT "batch_date_locks_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "batch_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every (re)write of a snapshot bumps its revision; exposures and stress record the revision they were computed from,
-- so a restated snapshot's exposures and stress are found and recomputed in the same run.
ALTER TABLE "portfolio_snapshots" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "portfolio_snapshots" ADD COLUMN "exposures_revision" INTEGER;
ALTER TABLE "portfolio_snapshots" ADD COLUMN "stress_revision" INTEGER;
CREATE INDEX "portfolio_snapshots_refresh_pending_idx" ON "portfolio_snapshots"("portfolio_id", "snapshot_date")
  WHERE "is_complete" AND ("exposures_revision" IS DISTINCT FROM "revision" OR "stress_revision" IS DISTINCT FROM "revision");

-- Money wide enough for 2,000 positions × 10^9 units × a 10^7 price × 100 (options); daily return is a ratio that an
-- equity near zero makes arbitrarily large, so it is a double.
ALTER TABLE "portfolio_snapshots"
  ALTER COLUMN "total_value" TYPE DECIMAL(24,2), ALTER COLUMN "equity_balance" TYPE DECIMAL(24,2),
  ALTER COLUMN "cash_value" TYPE DECIMAL(24,2), ALTER COLUMN "long_value" TYPE DECIMAL(24,2),
  ALTER COLUMN "short_value" TYPE DECIMAL(24,2), ALTER COLUMN "gross_exposure" TYPE DECIMAL(24,2),
  ALTER COLUMN "net_exposure" TYPE DECIMAL(24,2), ALTER COLUMN "daily_pnl" TYPE DECIMAL(24,2),
  ALTER COLUMN "daily_return" TYPE DOUBLE PRECISION, ALTER COLUMN "cumulative_pnl" TYPE DECIMAL(24,2),
  ALTER COLUMN "daily_realized_pnl" TYPE DECIMAL(24,2), ALTER COLUMN "cumulative_realized_pnl" TYPE DECIMAL(24,2),
  ALTER COLUMN "daily_capital_flow" TYPE DECIMAL(24,2), ALTER COLUMN "cumulative_capital_flow" TYPE DECIMAL(24,2);
ALTER TABLE "positions"
  ALTER COLUMN "market_value" TYPE DECIMAL(24,2), ALTER COLUMN "unrealized_pnl" TYPE DECIMAL(24,2),
  ALTER COLUMN "realized_pnl" TYPE DECIMAL(24,2);
ALTER TABLE "portfolios" ALTER COLUMN "current_equity" TYPE DECIMAL(24,2);
ALTER TABLE "factor_exposures" ALTER COLUMN "exposure_value" TYPE DECIMAL(24,6), ALTER COLUMN "exposure_dollar" TYPE DECIMAL(24,2);
ALTER TABLE "portfolio_factor_coverage"
  ALTER COLUMN "equity_usd" TYPE DECIMAL(24,2), ALTER COLUMN "public_market_value_usd" TYPE DECIMAL(24,2),
  ALTER COLUMN "covered_market_value_usd" TYPE DECIMAL(24,2), ALTER COLUMN "private_market_value_usd" TYPE DECIMAL(24,2);
ALTER TABLE "stress_test_results"
  ALTER COLUMN "direct_pnl" TYPE DECIMAL(24,2), ALTER COLUMN "correlated_pnl" TYPE DECIMAL(24,2),
  ALTER COLUMN "correlation_effect" TYPE DECIMAL(24,2);
ALTER TABLE "stress_test_summaries"
  ALTER COLUMN "worst_pnl" TYPE DECIMAL(24,2), ALTER COLUMN "best_pnl" TYPE DECIMAL(24,2), ALTER COLUMN "mean_pnl" TYPE DECIMAL(24,2);

-- Pricing failures per (symbol, trading day attempted); three consecutive ones mark the symbol unpriced.
CREATE TABLE "symbol_pricing_failures" (
    "symbol" VARCHAR(32) NOT NULL,
    "calc_date" DATE NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "symbol_pricing_failures_pkey" PRIMARY KEY ("symbol", "calc_date")
);
CREATE TABLE "unpriced_symbols" (
    "symbol" VARCHAR(32) NOT NULL,
    "failed_dates" DATE[] NOT NULL,
    "last_error" TEXT NOT NULL,
    "marked_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "unpriced_symbols_pkey" PRIMARY KEY ("symbol")
);

-- Onboarding jobs: a lease like a run's, the onboarding run that processes them, and every portfolio that waits.
ALTER TABLE "symbol_onboarding_jobs" ADD COLUMN "owner" VARCHAR(64);
ALTER TABLE "symbol_onboarding_jobs" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(6);
ALTER TABLE "symbol_onboarding_jobs" ADD COLUMN "run_id" UUID;
CREATE TABLE "onboarding_job_portfolios" (
    "job_id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "onboarding_job_portfolios_pkey" PRIMARY KEY ("job_id", "portfolio_id")
);
CREATE INDEX "onboarding_job_portfolios_portfolio_id_idx" ON "onboarding_job_portfolios"("portfolio_id");
ALTER TABLE "onboarding_job_portfolios" ADD CONSTRAINT "onboarding_job_portfolios_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "symbol_onboarding_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "onboarding_job_portfolios" ADD CONSTRAINT "onboarding_job_portfolios_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Existing waiters move to the link table (a job row named one portfolio before).
INSERT INTO "onboarding_job_portfolios" ("job_id", "portfolio_id")
  SELECT j."id", j."portfolio_id" FROM "symbol_onboarding_jobs" j JOIN "portfolios" p ON p."id" = j."portfolio_id";

-- Snapshots computed before revisions existed: their exposures and stress are current when their rows exist.
UPDATE "portfolio_snapshots" s SET "exposures_revision" = s."revision"
 WHERE s."is_complete" AND EXISTS (SELECT 1 FROM "portfolio_factor_coverage" c WHERE c."portfolio_id" = s."portfolio_id" AND c."calculation_date" = s."snapshot_date");
UPDATE "portfolio_snapshots" s SET "stress_revision" = s."revision"
 WHERE s."exposures_revision" = s."revision"
   AND (EXISTS (SELECT 1 FROM "stress_test_summaries" t WHERE t."portfolio_id" = s."portfolio_id" AND t."calculation_date" = s."snapshot_date")
        OR NOT EXISTS (SELECT 1 FROM "factor_exposures" e WHERE e."portfolio_id" = s."portfolio_id" AND e."calculation_date" = s."snapshot_date"));
