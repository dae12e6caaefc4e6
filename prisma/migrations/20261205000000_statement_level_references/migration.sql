-- The three tables the nightly fills by COPY, tens to hundreds of thousands of rows per date (symbol_factor_exposures,
-- factor_exposures, stress_test_results), keep their references per statement instead of per row. A foreign key
-- checks every inserted row with its own query (an index probe and a row lock per row and parent): measured on a
-- 10,000-portfolio date, 60–75% of the COPY time of those tables. Here, once per INSERT or UPDATE statement, one query
-- per parent locks the distinct parent rows the new rows name (FOR KEY SHARE, the lock a foreign key takes, so the
-- parent cannot be deleted before the writer commits) and the statement fails with foreign_key_violation (23503) if
-- one is missing. Deleting, truncating or re-keying a parent does what the foreign keys' actions did: cascade
-- (portfolios, stress_test_scenarios, symbol_universe) or refuse while referenced (factor_definitions).
-- lib/db/statement-references.test.ts checks each behaviour and that these are the only references kept this way.

-- TG_ARGV: (child column, parent table, parent column) triples.
CREATE FUNCTION "statement_references_check"() RETURNS trigger AS $$
DECLARE
  i int := 0;
  wanted bigint;
  locked bigint;
  missing text;
BEGIN
  WHILE i < TG_NARGS LOOP
    EXECUTE format('SELECT count(DISTINCT %I) FROM new_rows', TG_ARGV[i]) INTO wanted;
    EXECUTE format('SELECT 1 FROM %I p WHERE p.%I IN (SELECT %I FROM new_rows) FOR KEY SHARE OF p', TG_ARGV[i + 1], TG_ARGV[i + 2], TG_ARGV[i]);
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < wanted THEN
      EXECUTE format('SELECT n.%I::text FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.%I = n.%I) LIMIT 1',
                     TG_ARGV[i], TG_ARGV[i + 1], TG_ARGV[i + 2], TG_ARGV[i]) INTO missing;
      RAISE EXCEPTION 'insert or update on table "%" violates its reference to "%"', TG_TABLE_NAME, TG_ARGV[i + 1]
        USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[i], missing, TG_ARGV[i + 1]);
    END IF;
    i := i + 3;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- On a parent, after DELETE. TG_ARGV: (child table, child column, parent column, action) quadruples; action is
-- 'cascade' (delete the children) or 'restrict' (fail while a child names a deleted parent).
CREATE FUNCTION "statement_references_parent_delete"() RETURNS trigger AS $$
DECLARE
  i int := 0;
  referenced boolean;
BEGIN
  WHILE i < TG_NARGS LOOP
    IF TG_ARGV[i + 3] = 'cascade' THEN
      EXECUTE format('DELETE FROM %I c WHERE c.%I IN (SELECT %I FROM old_rows)', TG_ARGV[i], TG_ARGV[i + 1], TG_ARGV[i + 2]);
    ELSE
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I c WHERE c.%I IN (SELECT %I FROM old_rows))', TG_ARGV[i], TG_ARGV[i + 1], TG_ARGV[i + 2]) INTO referenced;
      IF referenced THEN
        RAISE EXCEPTION 'update or delete on table "%" violates the reference from "%"', TG_TABLE_NAME, TG_ARGV[i]
          USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
      END IF;
    END IF;
    i := i + 4;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- On a parent, after TRUNCATE. TG_ARGV: (child table, action) pairs, as above.
CREATE FUNCTION "statement_references_parent_truncate"() RETURNS trigger AS $$
DECLARE
  i int := 0;
  referenced boolean;
BEGIN
  WHILE i < TG_NARGS LOOP
    IF TG_ARGV[i + 1] = 'cascade' THEN
      -- DELETE, not TRUNCATE: the child may be a table of the same TRUNCATE statement, still open here.
      EXECUTE format('DELETE FROM %I', TG_ARGV[i]);
    ELSE
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', TG_ARGV[i]) INTO referenced;
      IF referenced THEN
        RAISE EXCEPTION 'cannot truncate "%": "%" refers to it', TG_TABLE_NAME, TG_ARGV[i] USING ERRCODE = 'foreign_key_violation';
      END IF;
    END IF;
    i := i + 2;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- On a parent row whose key changed. TG_ARGV: (child table, child column, parent column) triples: the children follow
-- the new key (ON UPDATE CASCADE).
CREATE FUNCTION "statement_references_parent_rekey"() RETURNS trigger AS $$
DECLARE
  i int := 0;
BEGIN
  WHILE i < TG_NARGS LOOP
    EXECUTE format('UPDATE %I c SET %I = ($1).%I WHERE c.%I = ($2).%I', TG_ARGV[i], TG_ARGV[i + 1], TG_ARGV[i + 2], TG_ARGV[i + 1], TG_ARGV[i + 2])
      USING NEW, OLD;
    i := i + 3;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

ALTER TABLE "symbol_factor_exposures" DROP CONSTRAINT "symbol_factor_exposures_symbol_fkey";
ALTER TABLE "symbol_factor_exposures" DROP CONSTRAINT "symbol_factor_exposures_factor_id_fkey";
ALTER TABLE "factor_exposures" DROP CONSTRAINT "factor_exposures_portfolio_id_fkey";
ALTER TABLE "factor_exposures" DROP CONSTRAINT "factor_exposures_factor_id_fkey";
ALTER TABLE "stress_test_results" DROP CONSTRAINT "stress_test_results_portfolio_id_fkey";
ALTER TABLE "stress_test_results" DROP CONSTRAINT "stress_test_results_scenario_id_fkey";

-- Children.
CREATE TRIGGER "symbol_factor_exposures_insert_references" AFTER INSERT ON "symbol_factor_exposures" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_check"('symbol', 'symbol_universe', 'symbol', 'factor_id', 'factor_definitions', 'id');
CREATE TRIGGER "symbol_factor_exposures_update_references" AFTER UPDATE ON "symbol_factor_exposures" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_check"('symbol', 'symbol_universe', 'symbol', 'factor_id', 'factor_definitions', 'id');
CREATE TRIGGER "factor_exposures_insert_references" AFTER INSERT ON "factor_exposures" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_check"('portfolio_id', 'portfolios', 'id', 'factor_id', 'factor_definitions', 'id');
CREATE TRIGGER "factor_exposures_update_references" AFTER UPDATE ON "factor_exposures" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_check"('portfolio_id', 'portfolios', 'id', 'factor_id', 'factor_definitions', 'id');
CREATE TRIGGER "stress_test_results_insert_references" AFTER INSERT ON "stress_test_results" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_check"('portfolio_id', 'portfolios', 'id', 'scenario_id', 'stress_test_scenarios', 'id');
CREATE TRIGGER "stress_test_results_update_references" AFTER UPDATE ON "stress_test_results" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_check"('portfolio_id', 'portfolios', 'id', 'scenario_id', 'stress_test_scenarios', 'id');

-- Parents: delete.
CREATE TRIGGER "symbol_universe_delete_references" AFTER DELETE ON "symbol_universe" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_delete"('symbol_factor_exposures', 'symbol', 'symbol', 'cascade');
CREATE TRIGGER "portfolios_delete_references" AFTER DELETE ON "portfolios" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_delete"('factor_exposures', 'portfolio_id', 'id', 'cascade', 'stress_test_results', 'portfolio_id', 'id', 'cascade');
CREATE TRIGGER "stress_test_scenarios_delete_references" AFTER DELETE ON "stress_test_scenarios" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_delete"('stress_test_results', 'scenario_id', 'id', 'cascade');
CREATE TRIGGER "factor_definitions_delete_references" AFTER DELETE ON "factor_definitions" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_delete"('factor_exposures', 'factor_id', 'id', 'restrict', 'symbol_factor_exposures', 'factor_id', 'id', 'restrict');

-- Parents: truncate.
CREATE TRIGGER "symbol_universe_truncate_references" AFTER TRUNCATE ON "symbol_universe"
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_truncate"('symbol_factor_exposures', 'cascade');
CREATE TRIGGER "portfolios_truncate_references" AFTER TRUNCATE ON "portfolios"
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_truncate"('factor_exposures', 'cascade', 'stress_test_results', 'cascade');
CREATE TRIGGER "stress_test_scenarios_truncate_references" AFTER TRUNCATE ON "stress_test_scenarios"
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_truncate"('stress_test_results', 'cascade');
CREATE TRIGGER "factor_definitions_truncate_references" AFTER TRUNCATE ON "factor_definitions"
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_references_parent_truncate"('factor_exposures', 'restrict', 'symbol_factor_exposures', 'restrict');

-- Parents: a changed key.
CREATE TRIGGER "symbol_universe_rekey_references" AFTER UPDATE OF "symbol" ON "symbol_universe"
  FOR EACH ROW WHEN (OLD."symbol" IS DISTINCT FROM NEW."symbol")
  EXECUTE FUNCTION "statement_references_parent_rekey"('symbol_factor_exposures', 'symbol', 'symbol');
CREATE TRIGGER "portfolios_rekey_references" AFTER UPDATE OF "id" ON "portfolios"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "statement_references_parent_rekey"('factor_exposures', 'portfolio_id', 'id', 'stress_test_results', 'portfolio_id', 'id');
CREATE TRIGGER "stress_test_scenarios_rekey_references" AFTER UPDATE OF "id" ON "stress_test_scenarios"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "statement_references_parent_rekey"('stress_test_results', 'scenario_id', 'id');
CREATE TRIGGER "factor_definitions_rekey_references" AFTER UPDATE OF "id" ON "factor_definitions"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "statement_references_parent_rekey"('factor_exposures', 'factor_id', 'id', 'symbol_factor_exposures', 'factor_id', 'id');
