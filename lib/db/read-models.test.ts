/**
 * A read whose request was abandoned stops its database work: the abort signal cancels the running query on the
 * server (it leaves pg_stat_activity), the caller gets the signal's reason, and the connection goes back to the pool
 * usable.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getPool } from "./client";
import { queryWithSignal, readGlobalReadModel, readPortfolioPageVersion, readPortfolioReadModel, storePortfolioReadModel } from "./read-models";
import { useTestDatabase } from "../testing/test-database";

useTestDatabase();

async function runningSleeps(): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(30) /* abandoned */%'`);
  return rows[0].n;
}

describe("queryWithSignal", () => {
  it("cancels the running query on the server when the signal aborts", async () => {
    const controller = new AbortController();
    const pending = queryWithSignal(getPool(), "SELECT pg_sleep(30) /* abandoned */", [], controller.signal);
    pending.catch(() => undefined);
    while ((await runningSleeps()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error("the client went away"));
    await expect(pending).rejects.toThrow("the client went away");
    while ((await runningSleeps()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await runningSleeps()).toBe(0);
    // The pool still answers on every connection.
    const answers = await Promise.all(Array.from({ length: 5 }, () => queryWithSignal<{ one: number }>(getPool(), "SELECT 1 AS one", [], new AbortController().signal)));
    expect(answers.map((answer) => answer.rows[0].one)).toEqual([1, 1, 1, 1, 1]);
  });

  it("cancels while every connection of its pool is taken by abandoned queries (the cancel needs none)", async () => {
    const { getDatabaseUrlOrThrow } = await import("./database-url");
    const pool = new pg.Pool({ connectionString: getDatabaseUrlOrThrow(), max: 2 });
    try {
      const controllers = [new AbortController(), new AbortController()];
      const pending = controllers.map((controller) => queryWithSignal(pool, "SELECT pg_sleep(30) /* abandoned */", [], controller.signal));
      pending.forEach((query) => query.catch(() => undefined));
      while ((await runningSleeps()) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      controllers.forEach((controller) => controller.abort(new Error("gone")));
      for (const query of pending) await expect(query).rejects.toThrow("gone");
      expect((await pool.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    } finally {
      await pool.end();
    }
  });

  it("refuses to start when the signal already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone before it began"));
    await expect(queryWithSignal(getPool(), "SELECT 1", [], controller.signal)).rejects.toThrow("gone before it began");
  });
});

describe("the first read of a read model", () => {
  it("finds the row that a concurrent first read created after its snapshot (portfolio and global)", async () => {
    const pool = getPool();
    const user = await pool.query<{ id: string }>(
      `INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'first-read@factorwatch.local', 'F', 'x') RETURNING id`);
    const userId = user.rows[0].id;
    const portfolio = await pool.query<{ id: string }>(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       VALUES (gen_random_uuid(), $1, 'First read', 1000, 1000, '2026-11-02') RETURNING id`, [userId]);
    const portfolioId = portfolio.rows[0].id;
    // Another request's transaction has created both rows and not committed yet: these reads wait on its insert.
    const other = await pool.connect();
    try {
      await other.query("BEGIN");
      await other.query(`INSERT INTO read_models (key, portfolio_id) VALUES ($1, $2), ('global:first-read', NULL)`, [`portfolio:${portfolioId}`, portfolioId]);
      const reads = Promise.all([readPortfolioReadModel(portfolioId, userId), readGlobalReadModel("global:first-read")]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query("COMMIT");
      const [mine, global] = await reads;
      expect(mine).toMatchObject({ bodyJson: null, dataDate: null, generation: expect.stringMatching(/^\d+$/) });
      expect(global).toMatchObject({ bodyJson: null, dataDate: null, generation: expect.stringMatching(/^\d+$/) });
    } finally {
      other.release();
    }
    expect(await readPortfolioReadModel(portfolioId, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("readPortfolioPageVersion", () => {
  it("is the stored answer's generation, new after a personal scenario is saved or deleted; null for anyone else, a stale answer or a deleted portfolio", async () => {
    const { insertTestPortfolio, insertTestUser } = await import("../testing/portfolio-fixtures");
    const { deletePersonalScenario, insertPersonalScenario } = await import("./stress-scenario-rows");
    const ownerId = await insertTestUser();
    const portfolioId = await insertTestPortfolio({ userId: ownerId, startingEquity: 1_000, inceptionDate: "2025-12-01" });
    const storeCurrent = async () => {
      const stored = (await readPortfolioReadModel(portfolioId, ownerId))!;
      await storePortfolioReadModel(portfolioId, stored.generation, null, "{}");
      return stored.generation;
    };
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBeNull(); // nothing stored yet
    const first = await storeCurrent();
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBe(first);
    expect(await readPortfolioPageVersion(portfolioId, await insertTestUser())).toBeNull();
    // Someone else's scenario changes nothing here; the owner's own makes the answer stale, saved and deleted alike.
    await insertPersonalScenario({ ownerId: await insertTestUser(), name: "Theirs", description: "", shocks: { Market: -0.1 } });
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBe(first);
    const scenario = await insertPersonalScenario({ ownerId, name: "Rates up", description: "", shocks: { "Interest Rate": 0.01 } });
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBeNull();
    expect((await readPortfolioReadModel(portfolioId, ownerId))!.bodyJson).toBeNull();
    const second = await storeCurrent();
    await deletePersonalScenario(ownerId, scenario.scenarioId);
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBeNull();
    const third = await storeCurrent();
    expect(BigInt(second)).toBeGreaterThan(BigInt(first));
    expect(BigInt(third)).toBeGreaterThan(BigInt(second));
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBe(third);
    await getPool().query("UPDATE portfolios SET deleted_at = now() WHERE id = $1", [portfolioId]);
    expect(await readPortfolioPageVersion(portfolioId, ownerId)).toBeNull();
  });
});
