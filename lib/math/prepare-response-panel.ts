/**
 * Responses (the y of a regression) prepared once for every design they are fitted on: each row's mean, its
 * deviations from the mean and their sum of squares. A batch of symbols with one return window is one panel; the
 * ridge and OLS fits of all its factors read the same prepared rows.
 */
export interface ResponsePanel {
  rows: number;
  /** Values per row. */
  n: number;
  /** ȳ per row. */
  means: Float64Array;
  /** y − ȳ, row after row (row r at [r·n, (r + 1)·n)). */
  centered: Float64Array;
  /** SST = Σ (y − ȳ)² per row. */
  ssts: Float64Array;
}

/**
 * Centre every row of a panel (no guards: callers validate first).
 *
 * Formula: ȳ = Σy / n (summed in order), y − ȳ, SST = Σ (y − ȳ)². Units: those of y (SST in y²).
 * @param values - rows × n values, row after row; read only unless `out` is `values` itself.
 * @param n - values per row (≥ 1).
 * @param out - where the deviations go (default a new array); passing `values` centres the panel in place.
 * @throws never for validated input.
 * @see https://en.wikipedia.org/wiki/Total_sum_of_squares
 * Complexity: O(rows · n).
 */
export function prepareResponsePanel(values: Float64Array, n: number, out: Float64Array = new Float64Array(values.length)): ResponsePanel {
  const rows = n === 0 ? 0 : values.length / n;
  const panel: ResponsePanel = { rows, n, means: new Float64Array(rows), centered: out, ssts: new Float64Array(rows) };
  for (let r = 0; r < rows; r++) {
    const offset = r * n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[offset + i];
    centerResponseRow(values, sum, panel, r);
  }
  return panel;
}

/**
 * Centre row `row` of `values` into `panel` given Σy of the row summed in order (a caller that produces the values
 * can add them up as it writes them). The one place the centring arithmetic lives: ȳ = Σy / n, y − ȳ, SST in order.
 * Complexity: O(n).
 */
export function centerResponseRow(values: Float64Array, sum: number, panel: ResponsePanel, row: number): void {
  const { n, centered } = panel;
  const offset = row * n;
  const mean = sum / n;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const deviation = values[offset + i] - mean;
    centered[offset + i] = deviation;
    sst += deviation * deviation;
  }
  panel.means[row] = mean;
  panel.ssts[row] = sst;
}
