-- A user's saved scenarios show on each of their portfolios: the nightly stresses them with these scenarios (a
-- deleted scenario takes its results with it, by cascade) and the portfolio page's scenario builder lists them. So a
-- saved, changed or deleted personal scenario gives the owner's portfolio read models a new generation, in the same
-- transaction, as positions and onboarding jobs already do. Shared scenarios (no owner) change nothing here: their
-- results change with the next nightly, which invalidates the portfolios it writes.
CREATE FUNCTION "read_models_invalidate_by_owner"() RETURNS trigger AS $$
BEGIN
  UPDATE "read_models" m SET "generation" = nextval('read_model_generation'), "body" = NULL
   WHERE m."key" IN (SELECT r."key" FROM "read_models" r
                      WHERE r."portfolio_id" IN (SELECT p."id" FROM "portfolios" p
                                                  WHERE p."user_id" IN (SELECT "owner_user_id" FROM changed_rows))
                      ORDER BY r."key" FOR UPDATE);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "scenarios_insert_read_models" AFTER INSERT ON "stress_test_scenarios" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_owner"();
CREATE TRIGGER "scenarios_update_read_models" AFTER UPDATE ON "stress_test_scenarios" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_owner"();
CREATE TRIGGER "scenarios_delete_read_models" AFTER DELETE ON "stress_test_scenarios" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "read_models_invalidate_by_owner"();
