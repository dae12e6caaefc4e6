/**
 * A read whose request was abandoned stops its database work: the abort signal cancels the running query on the
 * server (it leaves pg_stat_activity), the caller gets the signal's reason, and the connection goes back to the pool
 * usable.
 */
import { describe, expect, it } from "vitest";
import { getPool } from "./client";
import { queryWithSignal } from "./read-models";
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

  it("refuses to start when the signal already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone before it began"));
    await expect(queryWithSignal(getPool(), "SELECT 1", [], controller.signal)).rejects.toThrow("gone before it began");
  });
});
