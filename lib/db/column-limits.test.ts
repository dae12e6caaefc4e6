import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-database";
import fc from "fast-check";
import { COLUMN_LIMITS, findOutOfRangeColumn, fitsColumn, type LimitedTable } from "./column-limits";

type Limit = Parameters<typeof fitsColumn>[0];
const columnLimits = () => Object.entries(COLUMN_LIMITS).flatMap(([table, limits]) =>
  Object.entries(limits as Record<string, Limit>).map(([column, limit]) => [table as LimitedTable, column, limit] as const));

describe("COLUMN_LIMITS", () => {
  const database = useTestDatabase();
  let columns: { table_name: string; column_name: string; data_type: string; numeric_precision: number | null; numeric_scale: number | null }[];
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    columns = (await client.query(
      `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = 'public'`)).rows;
    await client.end();
  });

  it("agrees with the migrated database, column by column", () => {
    const problems: string[] = [];
    for (const [table, limits] of Object.entries(COLUMN_LIMITS)) {
      for (const [column, limit] of Object.entries(limits)) {
        const found = columns.find((row) => row.table_name === table && row.column_name === column);
        const actual = !found ? "missing" : found.data_type === "double precision" ? "double" : `${found.numeric_precision},${found.numeric_scale}`;
        const expected = limit === "double" ? "double" : limit.join(",");
        if (actual !== expected) problems.push(`${table}.${column}: database ${actual}, limits ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("refuses what the column cannot hold, after rounding to its scale", () => {
    expect(fitsColumn([24, 2], 1e22)).toBe(false);
    expect(fitsColumn([24, 2], 1e21)).toBe(true);
    expect(fitsColumn([14, 4], 999_999.99994)).toBe(true);
    expect(fitsColumn([14, 4], 9_999_999_999.99995)).toBe(false);
    expect(fitsColumn("double", 1e300)).toBe(true);
    expect(fitsColumn("double", Number.NaN)).toBe(false);
    expect(findOutOfRangeColumn("portfolio_snapshots", { equity_balance: 1, long_value: 2e22, daily_return: null })).toBe("long_value");
    expect(findOutOfRangeColumn("portfolio_snapshots", { equity_balance: 1, daily_return: Number.POSITIVE_INFINITY })).toBe("daily_return");
    expect(findOutOfRangeColumn("factor_exposures", { exposure_value: 1.5, exposure_dollar: -3 })).toBeNull();
  });

  it("answers as fitsColumn does for values of every magnitude, near and past each limit", () => {
    fc.assert(fc.property(fc.constantFrom(...columnLimits()), fc.double({ noDefaultInfinity: false }), fc.integer({ min: -3, max: 26 }), ([table, column, limit], mantissa, exponent) => {
      const value = exponent === -3 ? mantissa : (mantissa % 10) * 10 ** exponent;
      const expected = fitsColumn(limit, value) ? null : column;
      expect(findOutOfRangeColumn(table, { [column]: value })).toBe(expected);
    }), { numRuns: 5_000 });
  });
});
