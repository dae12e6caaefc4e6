-- A stress result's factor_impacts and calculation_metadata hold JSON text that only the application writes and reads:
-- as TEXT, the nightly's COPY stores the bytes as sent instead of PostgreSQL parsing every row into JSONB (most of the
-- write's cost after the foreign-key checks). Existing rows keep their content (JSONB's own text of it).
ALTER TABLE "stress_test_results"
  ALTER COLUMN "factor_impacts" TYPE TEXT USING "factor_impacts"::text,
  ALTER COLUMN "calculation_metadata" TYPE TEXT USING "calculation_metadata"::text;
