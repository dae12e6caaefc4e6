-- Storage tuning only (no column, type or index change; schema.prisma cannot express a storage parameter).
-- Phase 4 rewrites last_price, market_value and unrealized_pnl of every active position every date, all rows of a
-- page in one transaction, so the page must hold a second copy of each of its rows for every update to be HOT (same
-- page, no new entry in any of the three indexes): the old versions cannot be pruned until that transaction ends.
-- Measured on the bench book (250,000 positions): at fillfactor 60 only 57% of the first refresh's updates and 86% of
-- the next day's were HOT, and the table kept growing as the rest moved to new pages; at 40 all of them were, on each
-- of three consecutive dates, and the table stayed at its size after the rewrite (smaller than the 60% one by day two).
ALTER TABLE "positions" SET (fillfactor = 40);
-- A storage parameter only governs pages written from now on; CLUSTER rewrites the existing rows at 40% (ordered by
-- portfolio, which also keeps a chunk's positions on few pages) and rebuilds the indexes. It holds an ACCESS EXCLUSIVE
-- lock on positions while it runs (reads and writes of positions wait) and needs free disk for a full copy of the
-- table and its indexes. Measured for 250,000 priced positions on the (busy) bench machine: 2.9 s, the table and its
-- indexes growing from 71 to 96 MB; so minutes for tens of millions of rows: run it outside the batch window there.
CLUSTER "positions" USING "positions_portfolio_id_idx";
