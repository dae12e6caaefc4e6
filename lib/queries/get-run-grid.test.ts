import { describe, expect, it } from "vitest";
import { buildRunGrid, describeCellQuality, type GridSourceRow } from "./get-run-grid";

const row = (over: Partial<GridSourceRow>): GridSourceRow => ({
  calc_date: "2026-11-23", phase_key: "phase_3_factors", status: "completed", run_id: "run-1", items_done: 10, items_failed: 0,
  items_skipped: 0, duration_ms: 1200, result: {}, attempts: 1, ...over,
});

describe("buildRunGrid", () => {
  it("lays out dates newest first × all seven phases, missing where nothing ran", () => {
    const grid = buildRunGrid(["2026-11-20", "2026-11-23"], [row({}), row({ calc_date: "2026-11-20", phase_key: "phase_6_stress", status: "failed", items_failed: 2 })]);
    expect(grid.dates).toEqual(["2026-11-23", "2026-11-20"]);
    expect(grid.phases).toHaveLength(7);
    expect(grid.rows[0].cells[3].status).toBe("completed");
    expect(grid.rows[0].cells[0].status).toBe("missing");
    expect(grid.rows[1].cells[6]).toMatchObject({ status: "failed", hint: "2 portfolios failed", runId: "run-1" });
  });
  it("starts at the first date with data and names phases for people", () => {
    const grid = buildRunGrid(["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23"], [row({}), row({ calc_date: "2026-11-20", phase_key: "phase_4_pnl" })]);
    expect(grid.dates).toEqual(["2026-11-23", "2026-11-20"]);
    expect(grid.phaseLabels).toEqual(["Valuations", "Market data", "Fundamentals", "Factors", "P&L snapshots", "Factor aggregation", "Stress tests"]);
    expect(buildRunGrid(["2026-11-20", "2026-11-23"], []).rows).toEqual([]);
  });
  it("shows a phase that finished without doing or failing an item as skipped, never as completed work", () => {
    const grid = buildRunGrid(["2026-11-23"], [row({ items_done: 0, items_skipped: 33 }), row({ phase_key: "phase_4_pnl", items_done: 5 })]);
    expect(grid.rows[0].cells[3]).toMatchObject({ status: "skipped", itemsSkipped: 33 });
    expect(grid.rows[0].cells[4].status).toBe("completed");
  });
});

describe("describeCellQuality", () => {
  it("names failed symbols, coverage and capped betas", () => {
    expect(describeCellQuality({ phase_key: "phase_3_factors", items_failed: 3, result: { cappedBetas: 4 } })).toBe("3 symbols failed · 4 capped betas");
    expect(describeCellQuality({ phase_key: "phase_5_factor_aggregation", items_failed: 0, result: { coverage: 0.875 } })).toBe("coverage 88%");
    expect(describeCellQuality({ phase_key: "phase_1_market_data", items_failed: 0, result: { cappedBetas: 0 } })).toBeNull();
  });
});
