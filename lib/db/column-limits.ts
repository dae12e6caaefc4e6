/**
 * The numeric columns the portfolio phases write, with their precision and scale, so a value that does not fit is
 * refused before the write and fails only its portfolio, with the column named (`value out of range: <column>`).
 * lib/db/column-limits.test.ts checks these against the database.
 */
type Limit = readonly [precision: number, scale: number] | "double";

export const COLUMN_LIMITS = {
  portfolio_snapshots: {
    total_value: [24, 2], equity_balance: [24, 2], cash_value: [24, 2], long_value: [24, 2], short_value: [24, 2],
    gross_exposure: [24, 2], net_exposure: [24, 2], daily_pnl: [24, 2], daily_return: "double", cumulative_pnl: [24, 2],
    daily_realized_pnl: [24, 2], cumulative_realized_pnl: [24, 2], daily_capital_flow: [24, 2], cumulative_capital_flow: [24, 2],
    beta_calculated_90d: "double", beta_provider_1y: "double", hhi: "double", effective_num_positions: "double",
    top_3_concentration: "double", top_10_concentration: "double",
  },
  positions: { last_price: [14, 4], market_value: [24, 2], unrealized_pnl: [24, 2] },
  portfolios: { current_equity: [24, 2] },
  factor_exposures: { exposure_value: [24, 6], exposure_dollar: [24, 2] },
  portfolio_factor_coverage: {
    equity_usd: [24, 2], public_market_value_usd: [24, 2], covered_market_value_usd: [24, 2], private_market_value_usd: [24, 2],
    coverage: "double", private_allocation: "double",
  },
  stress_test_results: { direct_pnl: [24, 2], correlated_pnl: [24, 2], correlation_effect: [24, 2] },
  stress_test_summaries: { worst_pnl: [24, 2], best_pnl: [24, 2], mean_pnl: [24, 2] },
} as const satisfies Record<string, Record<string, Limit>>;

export type LimitedTable = keyof typeof COLUMN_LIMITS;
export type LimitedColumn<T extends LimitedTable> = keyof (typeof COLUMN_LIMITS)[T];

/** Whether `value` can be stored in a column with this limit (rounded to its scale; doubles only need to be finite). */
export function fitsColumn(limit: Limit, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (limit === "double") return true;
  const [precision, scale] = limit;
  return Math.abs(Math.round(value * 10 ** scale)) < 10 ** precision;
}

/**
 * Per column: a magnitude below which every value fits whatever its rounding (10^(precision − scale − 1), a digit
 * short of the limit; Infinity for doubles), so the phases' range checks of millions of ordinary values skip it.
 */
const SURELY_FITS = Object.fromEntries(Object.entries(COLUMN_LIMITS).map(([table, limits]) => [
  table,
  Object.fromEntries(Object.entries(limits as Record<string, Limit>).map(([column, limit]) => [column, limit === "double" ? Infinity : 10 ** (limit[0] - limit[1] - 1)])),
])) as Record<LimitedTable, Record<string, number>>;

/** The first column of `values` whose value does not fit `table`, else null (null values always fit). */
export function findOutOfRangeColumn<T extends LimitedTable>(table: T, values: Partial<Record<LimitedColumn<T>, number | null>>): string | null {
  const surelyFits = SURELY_FITS[table];
  for (const column in values) {
    const value = (values as Record<string, number | null | undefined>)[column];
    if (value === null || value === undefined) continue;
    const bound = surelyFits[column];
    if (bound === undefined) throw new Error(`findOutOfRangeColumn: ${table}.${column} has no known limit`);
    if (Math.abs(value) < bound) continue; // false for NaN: checked below
    if (!fitsColumn((COLUMN_LIMITS[table] as Record<string, Limit>)[column], value)) return column;
  }
  return null;
}

/** The sentence a portfolio fails with when one of its values does not fit. */
export function valueOutOfRange(column: string): string {
  return `value out of range: ${column}`;
}
