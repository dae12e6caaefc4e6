-- Factorwatch initial schema (kept in step with prisma/schema.prisma; see lib/db/schema-agreement.test.ts).

CREATE TABLE "app_settings" (
    "key" VARCHAR(64) NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" VARCHAR(16) NOT NULL DEFAULT 'user',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_role_check" CHECK ("role" IN ('admin', 'user'))
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "symbol_universe" (
    "symbol" VARCHAR(32) NOT NULL,
    "asset_type" VARCHAR(20) NOT NULL DEFAULT 'equity',
    "sector" VARCHAR(100),
    "industry" VARCHAR(100),
    "first_seen_date" DATE,
    "last_seen_date" DATE,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "inactive_reason" VARCHAR(255),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "symbol_universe_pkey" PRIMARY KEY ("symbol")
);

CREATE TABLE "market_data" (
    "symbol" VARCHAR(32) NOT NULL,
    "date" DATE NOT NULL,
    "open" DECIMAL(14,4),
    "high" DECIMAL(14,4),
    "low" DECIMAL(14,4),
    "close" DECIMAL(14,4) NOT NULL,
    "adj_close" DECIMAL(18,8),
    "volume" BIGINT,
    "data_source" VARCHAR(20) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "market_data_pkey" PRIMARY KEY ("symbol","date"),
    CONSTRAINT "market_data_close_positive" CHECK ("close" > 0),
    CONSTRAINT "market_data_adj_close_positive" CHECK ("adj_close" IS NULL OR "adj_close" > 0)
);
CREATE INDEX "market_data_date_idx" ON "market_data"("date");

CREATE TABLE "corporate_actions" (
    "symbol" VARCHAR(32) NOT NULL,
    "date" DATE NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "ratio" DECIMAL(18,8),
    "amount" DECIMAL(14,6),
    "detected_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "corporate_actions_pkey" PRIMARY KEY ("symbol","date","kind")
);

CREATE TABLE "company_profiles" (
    "symbol" VARCHAR(32) NOT NULL,
    "pe_ratio" DECIMAL(14,2),
    "forward_pe" DECIMAL(14,2),
    "beta" DECIMAL(8,4),
    "week_52_high" DECIMAL(14,4),
    "week_52_low" DECIMAL(14,4),
    "market_cap" DECIMAL(20,2),
    "dividend_yield" DECIMAL(10,6),
    "sector" VARCHAR(100),
    "industry" VARCHAR(100),
    "last_updated" TIMESTAMPTZ(6) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "company_profiles_pkey" PRIMARY KEY ("symbol")
);

CREATE TABLE "factor_definitions" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "description" TEXT NOT NULL,
    "factor_type" VARCHAR(20) NOT NULL,
    "calculation_method" VARCHAR(50) NOT NULL,
    "etf_proxy" VARCHAR(10),
    "display_order" INTEGER NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "factor_definitions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "factor_definitions_name_key" ON "factor_definitions"("name");

CREATE TABLE "symbol_factor_exposures" (
    "symbol" VARCHAR(32) NOT NULL,
    "factor_id" INTEGER NOT NULL,
    "calculation_date" DATE NOT NULL,
    "beta_value" DECIMAL(10,6) NOT NULL,
    "r_squared" DOUBLE PRECISION,
    "observations" INTEGER NOT NULL,
    "window_start" DATE,
    "window_end" DATE,
    "standard_error" DOUBLE PRECISION,
    "t_stat" DOUBLE PRECISION,
    "p_value" DOUBLE PRECISION,
    "is_capped" BOOLEAN NOT NULL DEFAULT false,
    "quality_flag" VARCHAR(20) NOT NULL DEFAULT 'full_history',
    "calculation_method" VARCHAR(50) NOT NULL,
    "regularization_alpha" DECIMAL(6,4),
    "regression_window_days" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "symbol_factor_exposures_pkey" PRIMARY KEY ("symbol","factor_id","calculation_date")
);
CREATE INDEX "symbol_factor_exposures_calculation_date_idx" ON "symbol_factor_exposures"("calculation_date");

CREATE TABLE "portfolios" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "account_name" VARCHAR(255),
    "starting_equity" DECIMAL(16,2) NOT NULL,
    "current_equity" DECIMAL(16,2) NOT NULL,
    "current_equity_date" DATE,
    "inception_date" DATE NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "portfolios_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "portfolios_user_id_idx" ON "portfolios"("user_id");

CREATE TABLE "positions" (
    "id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "symbol" VARCHAR(32) NOT NULL,
    "position_type" VARCHAR(8) NOT NULL,
    "quantity" DECIMAL(16,4) NOT NULL,
    "entry_price" DECIMAL(14,4) NOT NULL,
    "entry_date" DATE NOT NULL,
    "exit_price" DECIMAL(14,4),
    "exit_date" DATE,
    "underlying_symbol" VARCHAR(32),
    "strike_price" DECIMAL(14,4),
    "expiration_date" DATE,
    "investment_class" VARCHAR(10),
    "investment_subtype" VARCHAR(50),
    "last_price" DECIMAL(14,4),
    "market_value" DECIMAL(16,2),
    "unrealized_pnl" DECIMAL(16,2),
    "realized_pnl" DECIMAL(16,2),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "positions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "positions_type_check" CHECK ("position_type" IN ('LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP')),
    CONSTRAINT "positions_class_check" CHECK ("investment_class" IS NULL OR "investment_class" IN ('PUBLIC', 'OPTIONS', 'PRIVATE'))
);
CREATE INDEX "positions_portfolio_id_idx" ON "positions"("portfolio_id");
CREATE INDEX "positions_symbol_idx" ON "positions"("symbol");

CREATE TABLE "position_realized_events" (
    "id" UUID NOT NULL,
    "position_id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "trade_date" DATE NOT NULL,
    "quantity_closed" DECIMAL(16,4) NOT NULL,
    "realized_pnl" DECIMAL(16,2) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "position_realized_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "position_realized_events_portfolio_id_trade_date_idx" ON "position_realized_events"("portfolio_id", "trade_date");

CREATE TABLE "equity_changes" (
    "id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "change_type" VARCHAR(16) NOT NULL,
    "amount" DECIMAL(16,2) NOT NULL,
    "change_date" DATE NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "equity_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "equity_changes_type_check" CHECK ("change_type" IN ('CONTRIBUTION', 'WITHDRAWAL')),
    CONSTRAINT "equity_changes_amount_check" CHECK ("amount" >= 0)
);
CREATE INDEX "equity_changes_portfolio_id_change_date_idx" ON "equity_changes"("portfolio_id", "change_date");

CREATE TABLE "portfolio_snapshots" (
    "id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    "total_value" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "equity_balance" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "cash_value" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "long_value" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "short_value" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "gross_exposure" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "net_exposure" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "daily_pnl" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "daily_return" DECIMAL(12,8) NOT NULL DEFAULT 0,
    "cumulative_pnl" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "daily_realized_pnl" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "cumulative_realized_pnl" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "daily_capital_flow" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "cumulative_capital_flow" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "num_positions" INTEGER NOT NULL DEFAULT 0,
    "num_long_positions" INTEGER NOT NULL DEFAULT 0,
    "num_short_positions" INTEGER NOT NULL DEFAULT 0,
    "beta_calculated_90d" DOUBLE PRECISION,
    "beta_provider_1y" DOUBLE PRECISION,
    "hhi" DOUBLE PRECISION,
    "effective_num_positions" DOUBLE PRECISION,
    "top_3_concentration" DOUBLE PRECISION,
    "top_10_concentration" DOUBLE PRECISION,
    "is_complete" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "portfolio_snapshots_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "portfolio_snapshots_portfolio_id_snapshot_date_key" ON "portfolio_snapshots"("portfolio_id", "snapshot_date");
CREATE INDEX "portfolio_snapshots_snapshot_date_idx" ON "portfolio_snapshots"("snapshot_date");

CREATE TABLE "factor_exposures" (
    "portfolio_id" UUID NOT NULL,
    "factor_id" INTEGER NOT NULL,
    "calculation_date" DATE NOT NULL,
    "exposure_value" DECIMAL(14,6) NOT NULL,
    "exposure_dollar" DECIMAL(18,2) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "factor_exposures_pkey" PRIMARY KEY ("portfolio_id","factor_id","calculation_date")
);
CREATE INDEX "factor_exposures_calculation_date_idx" ON "factor_exposures"("calculation_date");

CREATE TABLE "portfolio_factor_coverage" (
    "portfolio_id" UUID NOT NULL,
    "calculation_date" DATE NOT NULL,
    "equity_usd" DECIMAL(16,2) NOT NULL,
    "public_market_value_usd" DECIMAL(18,2) NOT NULL,
    "covered_market_value_usd" DECIMAL(18,2) NOT NULL,
    "private_market_value_usd" DECIMAL(18,2) NOT NULL,
    "coverage" DOUBLE PRECISION NOT NULL,
    "private_allocation" DOUBLE PRECISION NOT NULL,
    "public_positions" INTEGER NOT NULL,
    "covered_positions" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "portfolio_factor_coverage_pkey" PRIMARY KEY ("portfolio_id","calculation_date")
);

CREATE TABLE "stress_test_scenarios" (
    "id" UUID NOT NULL,
    "scenario_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "group_name" VARCHAR(64) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "severity" VARCHAR(16) NOT NULL,
    "shock_config" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "display_order" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stress_test_scenarios_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "stress_test_scenarios_scenario_id_key" ON "stress_test_scenarios"("scenario_id");

CREATE TABLE "stress_test_results" (
    "portfolio_id" UUID NOT NULL,
    "scenario_id" UUID NOT NULL,
    "calculation_date" DATE NOT NULL,
    "direct_pnl" DECIMAL(18,2) NOT NULL,
    "correlated_pnl" DECIMAL(18,2) NOT NULL,
    "correlation_effect" DECIMAL(18,2) NOT NULL,
    "direct_cap_applied" BOOLEAN NOT NULL DEFAULT false,
    "correlated_cap_applied" BOOLEAN NOT NULL DEFAULT false,
    "factor_impacts" JSONB NOT NULL,
    "calculation_metadata" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stress_test_results_pkey" PRIMARY KEY ("portfolio_id","scenario_id","calculation_date")
);
CREATE INDEX "stress_test_results_calculation_date_idx" ON "stress_test_results"("calculation_date");

CREATE TABLE "stress_test_summaries" (
    "portfolio_id" UUID NOT NULL,
    "calculation_date" DATE NOT NULL,
    "scenarios_tested" INTEGER NOT NULL,
    "worst_pnl" DECIMAL(18,2) NOT NULL,
    "worst_scenario_id" VARCHAR(64) NOT NULL,
    "best_pnl" DECIMAL(18,2) NOT NULL,
    "best_scenario_id" VARCHAR(64) NOT NULL,
    "mean_pnl" DECIMAL(18,2) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stress_test_summaries_pkey" PRIMARY KEY ("portfolio_id","calculation_date")
);

CREATE TABLE "factor_covariances" (
    "calculation_date" DATE NOT NULL,
    "factors" JSONB NOT NULL,
    "covariance" JSONB NOT NULL,
    "correlation" JSONB NOT NULL,
    "data_days" INTEGER NOT NULL,
    "lambda" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "factor_covariances_pkey" PRIMARY KEY ("calculation_date")
);

CREATE TABLE "batch_runs" (
    "id" UUID NOT NULL,
    "job_type" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "triggered_by" VARCHAR(32) NOT NULL,
    "triggered_by_user_id" UUID,
    "engine" VARCHAR(16) NOT NULL DEFAULT 'runner',
    "params" JSONB NOT NULL DEFAULT '{}',
    "calc_dates" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(6),
    "duration_ms" INTEGER,
    "total_items" INTEGER NOT NULL DEFAULT 0,
    "completed_items" INTEGER NOT NULL DEFAULT 0,
    "failed_items" INTEGER NOT NULL DEFAULT 0,
    "error_summary" JSONB,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "batch_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "batch_runs_status_check" CHECK ("status" IN ('running', 'completed', 'failed', 'partial'))
);
CREATE INDEX "batch_runs_job_type_started_at_idx" ON "batch_runs"("job_type", "started_at");
CREATE INDEX "batch_runs_started_at_idx" ON "batch_runs"("started_at");
-- The cross-process lock of D12: at most one running run per job type.
CREATE UNIQUE INDEX "batch_runs_one_running_per_job_type" ON "batch_runs"("job_type") WHERE "status" = 'running';

CREATE TABLE "batch_phase_runs" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "calc_date" DATE NOT NULL,
    "phase_key" VARCHAR(40) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "duration_ms" INTEGER,
    "items_total" INTEGER NOT NULL DEFAULT 0,
    "items_done" INTEGER NOT NULL DEFAULT 0,
    "items_failed" INTEGER NOT NULL DEFAULT 0,
    "items_skipped" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "logs" JSONB NOT NULL DEFAULT '[]',
    "result" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "batch_phase_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "batch_phase_runs_status_check" CHECK ("status" IN ('pending', 'running', 'completed', 'failed', 'partial', 'skipped', 'blocked'))
);
CREATE UNIQUE INDEX "batch_phase_runs_run_id_calc_date_phase_key_key" ON "batch_phase_runs"("run_id", "calc_date", "phase_key");
CREATE INDEX "batch_phase_runs_calc_date_phase_key_idx" ON "batch_phase_runs"("calc_date", "phase_key");

CREATE TABLE "batch_steps" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_key" VARCHAR(160) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "output" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(6),
    CONSTRAINT "batch_steps_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "batch_steps_run_id_step_key_key" ON "batch_steps"("run_id", "step_key");

CREATE TABLE "symbol_onboarding_jobs" (
    "id" UUID NOT NULL,
    "symbol" VARCHAR(32) NOT NULL,
    "portfolio_id" UUID,
    "user_id" UUID,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "calc_date" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    CONSTRAINT "symbol_onboarding_jobs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "symbol_onboarding_jobs_status_check" CHECK ("status" IN ('pending', 'processing', 'completed', 'failed'))
);
CREATE INDEX "symbol_onboarding_jobs_status_created_at_idx" ON "symbol_onboarding_jobs"("status", "created_at");
-- A symbol is queued at most once while it waits or runs.
CREATE UNIQUE INDEX "symbol_onboarding_jobs_one_open_per_symbol" ON "symbol_onboarding_jobs"("symbol") WHERE "status" IN ('pending', 'processing');

ALTER TABLE "symbol_factor_exposures" ADD CONSTRAINT "symbol_factor_exposures_symbol_fkey" FOREIGN KEY ("symbol") REFERENCES "symbol_universe"("symbol") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "symbol_factor_exposures" ADD CONSTRAINT "symbol_factor_exposures_factor_id_fkey" FOREIGN KEY ("factor_id") REFERENCES "factor_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "positions" ADD CONSTRAINT "positions_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "position_realized_events" ADD CONSTRAINT "position_realized_events_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "position_realized_events" ADD CONSTRAINT "position_realized_events_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "equity_changes" ADD CONSTRAINT "equity_changes_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "portfolio_snapshots" ADD CONSTRAINT "portfolio_snapshots_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "factor_exposures" ADD CONSTRAINT "factor_exposures_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "factor_exposures" ADD CONSTRAINT "factor_exposures_factor_id_fkey" FOREIGN KEY ("factor_id") REFERENCES "factor_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "portfolio_factor_coverage" ADD CONSTRAINT "portfolio_factor_coverage_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stress_test_results" ADD CONSTRAINT "stress_test_results_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stress_test_results" ADD CONSTRAINT "stress_test_results_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "stress_test_scenarios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stress_test_summaries" ADD CONSTRAINT "stress_test_summaries_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "batch_phase_runs" ADD CONSTRAINT "batch_phase_runs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "batch_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "batch_steps" ADD CONSTRAINT "batch_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "batch_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- D8 / B11: the starting equity is what the user gave us and never changes afterwards.
CREATE FUNCTION "portfolios_keep_starting_equity"() RETURNS trigger AS $$
BEGIN
  IF NEW."starting_equity" IS DISTINCT FROM OLD."starting_equity" THEN
    RAISE EXCEPTION 'portfolios.starting_equity is immutable (portfolio %)', OLD."id";
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "portfolios_starting_equity_immutable" BEFORE UPDATE ON "portfolios"
  FOR EACH ROW EXECUTE FUNCTION "portfolios_keep_starting_equity"();
