-- Phases 5 and 6 record on each snapshot the revision its exposures and its stress were computed from. Those two
-- columns were named by the predicate of the index that found pending snapshots, and a column named anywhere in an
-- index (predicate included) makes every update of it a non-HOT one: a new row version on another page and a new
-- entry in every index of the table, twice per snapshot per date. The pending snapshots are now found through a
-- narrow queue of keys instead, so that no index of portfolio_snapshots names the marks.

DROP INDEX "portfolio_snapshots_refresh_pending_idx";

-- Every complete snapshot whose exposures or stress are not from its latest revision has a row here (more rows may
-- exist: the lookup re-checks the marks, and the stress phase deletes the rows of snapshots that are current again).
CREATE TABLE "portfolio_snapshot_refresh_queue" (
    "portfolio_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    CONSTRAINT "portfolio_snapshot_refresh_queue_pkey" PRIMARY KEY ("portfolio_id", "snapshot_date")
);
INSERT INTO "portfolio_snapshot_refresh_queue" ("portfolio_id", "snapshot_date")
  SELECT "portfolio_id", "snapshot_date" FROM "portfolio_snapshots"
   WHERE "is_complete" AND ("exposures_revision" IS DISTINCT FROM "revision" OR "stress_revision" IS DISTINCT FROM "revision");

-- Whoever writes a snapshot that becomes pending queues it, in the same transaction: inserted rows per statement (the
-- refresh inserts a chunk's snapshots in one statement), updated rows one by one, only when they turn pending (a
-- restatement or cleared marks; the marks' own updates never do, so they cost nothing here).
CREATE FUNCTION "portfolio_snapshots_queue_inserted"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "portfolio_snapshot_refresh_queue" ("portfolio_id", "snapshot_date")
    SELECT n."portfolio_id", n."snapshot_date" FROM inserted_rows n
     WHERE n."is_complete" AND (n."exposures_revision" IS DISTINCT FROM n."revision" OR n."stress_revision" IS DISTINCT FROM n."revision")
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "portfolio_snapshots_queue_inserted" AFTER INSERT ON "portfolio_snapshots" REFERENCING NEW TABLE AS inserted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "portfolio_snapshots_queue_inserted"();

CREATE FUNCTION "portfolio_snapshots_queue_updated"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "portfolio_snapshot_refresh_queue" ("portfolio_id", "snapshot_date") VALUES (NEW."portfolio_id", NEW."snapshot_date")
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "portfolio_snapshots_queue_updated" AFTER UPDATE ON "portfolio_snapshots" FOR EACH ROW
  WHEN (NEW."is_complete" AND (NEW."exposures_revision" IS DISTINCT FROM NEW."revision" OR NEW."stress_revision" IS DISTINCT FROM NEW."revision")
        AND (NOT OLD."is_complete" OR (OLD."exposures_revision" IS NOT DISTINCT FROM OLD."revision" AND OLD."stress_revision" IS NOT DISTINCT FROM OLD."revision")
             OR NEW."portfolio_id" <> OLD."portfolio_id" OR NEW."snapshot_date" <> OLD."snapshot_date"))
  EXECUTE FUNCTION "portfolio_snapshots_queue_updated"();

-- A deleted snapshot (a cleared date, a deleted portfolio) leaves no queue row behind.
CREATE FUNCTION "portfolio_snapshots_unqueue_deleted"() RETURNS trigger AS $$
BEGIN
  DELETE FROM "portfolio_snapshot_refresh_queue" q USING deleted_rows d
   WHERE q."portfolio_id" = d."portfolio_id" AND q."snapshot_date" = d."snapshot_date";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "portfolio_snapshots_unqueue_deleted" AFTER DELETE ON "portfolio_snapshots" REFERENCING OLD TABLE AS deleted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "portfolio_snapshots_unqueue_deleted"();

-- Storage only (schema.prisma cannot express it): a date's snapshots are inserted together, chunk by chunk, and the
-- exposure phase then marks every row of those pages in one transaction, so each page must hold a second version of
-- its rows for the marks to be HOT (the old versions cannot be pruned before that transaction ends; the stress
-- phase's marks, a transaction later, reuse the space they leave). This governs pages written from now on: older
-- snapshots are marked again only when restated, so the table is not rewritten (no long lock; the ALTER takes a
-- SHARE UPDATE EXCLUSIVE lock for a moment, which blocks no read or write of rows).
ALTER TABLE "portfolio_snapshots" SET (fillfactor = 45);
