-- Precomputed read models: the answer of a page's read model, stored once per change of the rows behind it, so a
-- request costs one query. A row's generation comes from one sequence and changes whenever its rows change (the
-- phases, a cleared date, onboarding, pricing marks); the body is NULL until the next read computes and stores it.
-- Generations never repeat, so "date + generation" identifies an answer (the HTTP ETag).
CREATE SEQUENCE "read_model_generation";

CREATE TABLE "read_models" (
  "key"          VARCHAR(160) NOT NULL,
  "portfolio_id" UUID,
  "generation"   BIGINT NOT NULL DEFAULT nextval('read_model_generation'),
  "data_date"    DATE,
  "body"         JSONB,
  "computed_at"  TIMESTAMPTZ(6),
  CONSTRAINT "read_models_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "read_models_portfolio_id_idx" ON "read_models"("portfolio_id");
ALTER TABLE "read_models" ADD CONSTRAINT "read_models_portfolio_id_fkey"
  FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rows outside the portfolio phases that a portfolio's page shows: onboarding jobs and unpriced marks (per symbol,
-- so every portfolio holding the symbol) and positions added or removed. Inside the writer's transaction, so a read
-- that computed from the old rows can never store its answer under the new generation. Rows are locked in key order
-- so two writers cannot deadlock on them.
CREATE FUNCTION "read_models_invalidate_by_symbol"() RETURNS trigger AS $$
BEGIN
  UPDATE "read_models" m SET "generation" = nextval('read_model_generation'), "body" = NULL
   WHERE m."key" IN (SELECT r."key" FROM "read_models" r
                      WHERE r."portfolio_id" IN (SELECT p."portfolio_id" FROM "positions" p WHERE p."symbol" IN (SELECT "symbol" FROM changed_rows))
                      ORDER BY r."key" FOR UPDATE);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION "read_models_invalidate_by_portfolio"() RETURNS trigger AS $$
BEGIN
  UPDATE "read_models" m SET "generation" = nextval('read_model_generation'), "body" = NULL
   WHERE m."key" IN (SELECT r."key" FROM "read_models" r WHERE r."portfolio_id" IN (SELECT "portfolio_id" FROM changed_rows)
                      ORDER BY r."key" FOR UPDATE);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "jobs_insert_read_models" AFTER INSERT ON "symbol_onboarding_jobs" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_symbol"();
CREATE TRIGGER "jobs_update_read_models" AFTER UPDATE ON "symbol_onboarding_jobs" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_symbol"();
CREATE TRIGGER "jobs_delete_read_models" AFTER DELETE ON "symbol_onboarding_jobs" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_symbol"();
CREATE TRIGGER "unpriced_insert_read_models" AFTER INSERT ON "unpriced_symbols" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_symbol"();
CREATE TRIGGER "unpriced_delete_read_models" AFTER DELETE ON "unpriced_symbols" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_symbol"();
CREATE TRIGGER "positions_insert_read_models" AFTER INSERT ON "positions" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_portfolio"();
CREATE TRIGGER "positions_delete_read_models" AFTER DELETE ON "positions" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_portfolio"();
