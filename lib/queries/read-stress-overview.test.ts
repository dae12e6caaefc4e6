/** The admin stress page's stored answer equals the computed one, and the next nightly replaces it. */
import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type Viewer } from "@/lib/auth/viewer";
import { startNightlyInProcess } from "@/lib/batch/run-in-process";
import { getPool } from "@/lib/db/client";
import { insertTestPortfolio, insertTestPosition, insertTestUser } from "@/lib/testing/portfolio-fixtures";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getStressOverview } from "./get-stress-overview";
import { readStressOverview } from "./read-stress-overview";

const [N1, N2] = ["2025-12-01", "2025-12-02"];
const evening = (date: string) => new Date(`${date}T23:30:00Z`);
let admin: Viewer;
let user: Viewer;

useTestDatabase();
beforeAll(async () => {
  const adminId = await insertTestUser();
  await getPool().query(`UPDATE users SET role = 'admin' WHERE id = $1`, [adminId]);
  admin = { userId: adminId, email: "admin@example.test", name: "Admin", role: "admin" };
  const userId = await insertTestUser();
  user = { userId, email: "user@example.test", name: "User", role: "user" };
  const portfolioId = await insertTestPortfolio({ userId, startingEquity: 250_000, inceptionDate: N1, name: "Stressed book" });
  await insertTestPosition(portfolioId, { symbol: "AAPL", quantity: 100, entryPrice: 200, entryDate: N1 });
  await startNightlyInProcess({ triggeredBy: "cron", now: evening(N1) });
}, 180_000);

const stored = async () => {
  const text: string | null = (await getPool().query(`SELECT body FROM read_models WHERE key = 'stress-overview:latest'`)).rows[0]?.body ?? null;
  return text === null ? null : JSON.parse(text);
};
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("readStressOverview", () => {
  it("refuses a non-admin before reading anything", async () => {
    await expect(readStressOverview(user)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("stores the computed page and answers the stored copy until the next nightly", async () => {
    const computed = plain(await getStressOverview(admin));
    expect(computed.date).toBe(N1);
    expect(computed.portfolios.map((p: { name: string }) => p.name)).toEqual(["Stressed book"]);
    expect(plain(await readStressOverview(admin))).toEqual(computed);
    expect(await stored()).toEqual(computed);
    expect(plain(await readStressOverview(admin))).toEqual(computed);

    await startNightlyInProcess({ triggeredBy: "cron", now: evening(N2) });
    expect(await stored()).toBeNull();
    const after = plain(await readStressOverview(admin));
    expect(after.date).toBe(N2);
    expect(after).toEqual(plain(await getStressOverview(admin)));
  }, 180_000);

  it("computes a chosen date or cell without storing it", async () => {
    const chosen = await readStressOverview(admin, { date: N1 });
    expect(chosen.date).toBe(N1);
    expect((await stored()).date).toBe(N2);
  });
});
