-- The portfolio phases share the closes and provider betas they read across the chunks of a process, and must see
-- any change to them between two chunks. Hashing every close of a chunk's dates to find out cost a scan of one row per
-- symbol and date per chunk (a third of a second at 20,000 symbols), so the cost per portfolio grew with the universe.
-- Instead every statement that writes market_data or company_profiles leaves one row here, in its own transaction:
-- the number of committed writing statements (rows here plus rows pruned) grows with every commit that could change
-- the shared inputs and with nothing else, so one count tells whether they changed. Statement triggers cost one insert
-- per statement, not per row.
CREATE TABLE "symbol_input_writes" (
    "id" BIGSERIAL NOT NULL,
    CONSTRAINT "symbol_input_writes_pkey" PRIMARY KEY ("id")
);
-- Rows deleted from symbol_input_writes, counted in the same statement that deletes them, so the total never moves back.
CREATE TABLE "symbol_input_writes_pruned" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "statements" BIGINT NOT NULL,
    CONSTRAINT "symbol_input_writes_pruned_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "symbol_input_writes_pruned_one_row" CHECK ("id")
);
INSERT INTO "symbol_input_writes_pruned" ("id", "statements") VALUES (true, 0);

CREATE FUNCTION "record_symbol_input_write"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "symbol_input_writes" DEFAULT VALUES;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "market_data_record_write" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "market_data"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_symbol_input_write"();
CREATE TRIGGER "company_profiles_record_write" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "company_profiles"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_symbol_input_write"();
