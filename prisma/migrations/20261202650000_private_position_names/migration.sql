-- A private position keeps the free-text name its owner typed ("Acme Private Credit Fund II, L.P."); its symbol is
-- the stable identifier derived from that name. Listed positions leave it empty.
ALTER TABLE "positions" ADD COLUMN "display_name" VARCHAR(100);
