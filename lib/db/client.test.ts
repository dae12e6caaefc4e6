import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-database";
import { closeDatabase, getPool, getPrisma, withTransaction } from "./client";

useTestDatabase();

describe("the database client", () => {
  it("serves Prisma Client and the bulk SQL from one pool, each with its own types", async () => {
    await closeDatabase();
    const pool = getPool();
    expect(pool.totalCount).toBe(0);
    // Hold the pool's only idle connection in a transaction: Prisma must then open a second one on the same pool.
    await withTransaction(async (client) => {
      const { rows } = await client.query(`SELECT DATE '2026-12-02' AS day, 1.5::numeric AS amount`);
      expect(rows[0]).toEqual({ day: "2026-12-02", amount: 1.5 }); // the pool's parsers: ISO date, number
      const users = await getPrisma().user.findMany({ select: { createdAt: true }, take: 1 });
      expect(pool.totalCount).toBe(2);
      for (const user of users) expect(user.createdAt).toBeInstanceOf(Date); // Prisma's parsers, not the pool's
    });
    const [row] = await getPrisma().$queryRaw<{ day: Date }[]>`SELECT DATE '2026-12-02' AS day`;
    expect(row.day).toBeInstanceOf(Date);
    expect(pool.totalCount).toBe(2);
  });

  it("closes Prisma Client and the pool together, and opens both again on demand", async () => {
    const before = getPool();
    await closeDatabase();
    expect(before.ended).toBe(true);
    expect(await getPrisma().user.count()).toBeGreaterThanOrEqual(0);
    expect(getPool()).not.toBe(before);
    expect(getPool().totalCount).toBe(1);
  });
});
