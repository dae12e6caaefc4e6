-- A read model's body is stored as the JSON text the API sends: a request then sends the stored bytes as they are,
-- instead of PostgreSQL printing JSONB and the server parsing and printing it again (most of a request's cost).
ALTER TABLE "read_models" ALTER COLUMN "body" TYPE TEXT USING "body"::text;
