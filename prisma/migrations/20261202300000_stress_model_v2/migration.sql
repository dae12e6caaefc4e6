-- Stress model, version 2 (market plus excess returns) and personal scenarios.
--
-- 1. A personal scenario is a stress_test_scenarios row with an owner: only its owner sees it, and the nightly runs
--    it for the owner's portfolios only. Standard scenarios have no owner. Deleting the user deletes the scenario
--    and (through stress_test_results' own foreign key) its results.
ALTER TABLE "stress_test_scenarios" ADD COLUMN "owner_user_id" UUID;
ALTER TABLE "stress_test_scenarios" ADD CONSTRAINT "stress_test_scenarios_owner_user_id_fkey"
  FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "stress_test_scenarios_owner_user_id_idx" ON "stress_test_scenarios"("owner_user_id");

-- 2. The rate factor is named "Interest Rate" in every scenario, as in the model's factor list.
UPDATE "stress_test_scenarios"
   SET "shock_config" = ("shock_config" - 'Interest_Rate') || jsonb_build_object('Interest Rate', "shock_config" -> 'Interest_Rate')
 WHERE "shock_config" ? 'Interest_Rate';

-- 3. Nothing else is rewritten here: stored covariances of the older model (named by ETF) are replaced the next time
--    their date is stressed, and stored results stay as they were (the dashboard marks them as computed by the
--    previous model) until the stress phase of their date runs again (see the README).
