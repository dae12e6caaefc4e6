/**
 * The kernels of every OLS fit of the project: responses of a prepared panel against prepared designs, several
 * running sums abreast so the processor overlaps them, each adding the same products in the same order as a lone fit.
 */
import { writeOlsSlopePValues } from "./student-t";
import type { OlsDesign, OlsFitColumns } from "./prepare-ols-design";
import type { ResponsePanel } from "./prepare-response-panel";

/**
 * Fit every row of a prepared response panel on each of K prepared designs of the same length into `out`, cell
 * r·K + k (no guards: callers validate first). Every OLS fit of the project runs through here, one fit or thousands,
 * so they agree to the last bit. Four designs at a time share each read of a row and keep four independent running
 * sums (the processor overlaps them); each sum adds the same products in the same order as a lone fit.
 *
 * Formula: β = Σ d (y − ȳ) / Sxx, α = ȳ − β x̄, SSR = Σ ((y − ȳ) − β d)² (an explicit residual pass, not
 * SST − β Sxy, so near-perfect fits keep an accurate SE), R² = 1 − SSR/SST (0 when SST = 0), σ² = SSR/(n − 2),
 * SE = √(σ²/Sxx), t = β/SE, p = two-sided Student t with n − 2 df.
 * Units: β in y per x, α in y.
 * @throws never for validated input (see {@link assertOlsRegressor}, {@link assertOlsResponse}).
 * @see https://www.statsmodels.org/stable/generated/statsmodels.regression.linear_model.OLS.html
 * Complexity: O(rows · K · n).
 */
export function writeOlsPanelFits(designs: readonly OlsDesign[], responses: ResponsePanel, out: OlsFitColumns): void {
  const width = designs.length;
  const quads = width - (width % 4);
  let r = 0;
  // The designs left over after the groups of four take four rows at a time instead (four independent sums again).
  for (; r + 4 <= responses.rows; r += 4) {
    for (let k = 0; k < quads; k += 4) {
      writeFourFitsTwoRows(designs, k, responses, r, out, width);
      writeFourFitsTwoRows(designs, k, responses, r + 2, out, width);
    }
    for (let k = quads; k < width; k++) writeFourRowFits(designs[k], responses, r, out, width, k);
  }
  for (; r < responses.rows; r++) {
    for (let k = 0; k < quads; k += 4) writeFourFits(designs, k, responses, r, out, r * width + k);
    for (let k = quads; k < width; k++) writeOneFit(designs[k], responses, r, out, r * width + k);
  }
  writeOlsSlopePValues(out.tStat, out.n, out.pValue, 0, responses.rows * width);
}

function writeOneFit(design: OlsDesign, responses: ResponsePanel, row: number, out: OlsFitColumns, cell: number): void {
  const { centered, n } = responses;
  const d = design.centeredX;
  const offset = row * n;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += d[i] * centered[offset + i];
  const beta = sxy / design.sxx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const residual = centered[offset + i] - beta * d[i];
    ssr += residual * residual;
  }
  storeFit(design, responses, row, beta, ssr, out, cell);
}

/** Rows row … row + 3 on one design (cells (row + q)·width + k): the arithmetic of writeOneFit, four rows abreast. */
function writeFourRowFits(design: OlsDesign, responses: ResponsePanel, row: number, out: OlsFitColumns, width: number, k: number): void {
  const { centered, n } = responses;
  const d = design.centeredX;
  const o0 = row * n;
  const o1 = o0 + n;
  const o2 = o1 + n;
  const o3 = o2 + n;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const x = d[i];
    s0 += x * centered[o0 + i];
    s1 += x * centered[o1 + i];
    s2 += x * centered[o2 + i];
    s3 += x * centered[o3 + i];
  }
  const b0 = s0 / design.sxx;
  const b1 = s1 / design.sxx;
  const b2 = s2 / design.sxx;
  const b3 = s3 / design.sxx;
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  for (let i = 0; i < n; i++) {
    const x = d[i];
    const e0 = centered[o0 + i] - b0 * x;
    const e1 = centered[o1 + i] - b1 * x;
    const e2 = centered[o2 + i] - b2 * x;
    const e3 = centered[o3 + i] - b3 * x;
    r0 += e0 * e0;
    r1 += e1 * e1;
    r2 += e2 * e2;
    r3 += e3 * e3;
  }
  storeFit(design, responses, row, b0, r0, out, row * width + k);
  storeFit(design, responses, row + 1, b1, r1, out, (row + 1) * width + k);
  storeFit(design, responses, row + 2, b2, r2, out, (row + 2) * width + k);
  storeFit(design, responses, row + 3, b3, r3, out, (row + 3) * width + k);
}

/** Rows row and row + 1 on designs first … first + 3: writeFourFits' arithmetic on two rows abreast (eight sums). */
function writeFourFitsTwoRows(designs: readonly OlsDesign[], first: number, responses: ResponsePanel, row: number, out: OlsFitColumns, width: number): void {
  const { centered, n } = responses;
  const o = row * n;
  const p = o + n;
  const d0 = designs[first].centeredX;
  const d1 = designs[first + 1].centeredX;
  const d2 = designs[first + 2].centeredX;
  const d3 = designs[first + 3].centeredX;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let i = 0; i < n; i++) {
    const x0 = d0[i];
    const x1 = d1[i];
    const x2 = d2[i];
    const x3 = d3[i];
    const c = centered[o + i];
    const e = centered[p + i];
    s0 += x0 * c;
    s1 += x1 * c;
    s2 += x2 * c;
    s3 += x3 * c;
    t0 += x0 * e;
    t1 += x1 * e;
    t2 += x2 * e;
    t3 += x3 * e;
  }
  const b0 = s0 / designs[first].sxx;
  const b1 = s1 / designs[first + 1].sxx;
  const b2 = s2 / designs[first + 2].sxx;
  const b3 = s3 / designs[first + 3].sxx;
  const g0 = t0 / designs[first].sxx;
  const g1 = t1 / designs[first + 1].sxx;
  const g2 = t2 / designs[first + 2].sxx;
  const g3 = t3 / designs[first + 3].sxx;
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  for (let i = 0; i < n; i++) {
    const x0 = d0[i];
    const x1 = d1[i];
    const x2 = d2[i];
    const x3 = d3[i];
    const c = centered[o + i];
    const e = centered[p + i];
    const e0 = c - b0 * x0;
    const e1 = c - b1 * x1;
    const e2 = c - b2 * x2;
    const e3 = c - b3 * x3;
    const f0 = e - g0 * x0;
    const f1 = e - g1 * x1;
    const f2 = e - g2 * x2;
    const f3 = e - g3 * x3;
    r0 += e0 * e0;
    r1 += e1 * e1;
    r2 += e2 * e2;
    r3 += e3 * e3;
    q0 += f0 * f0;
    q1 += f1 * f1;
    q2 += f2 * f2;
    q3 += f3 * f3;
  }
  const cell = row * width + first;
  storeFit(designs[first], responses, row, b0, r0, out, cell);
  storeFit(designs[first + 1], responses, row, b1, r1, out, cell + 1);
  storeFit(designs[first + 2], responses, row, b2, r2, out, cell + 2);
  storeFit(designs[first + 3], responses, row, b3, r3, out, cell + 3);
  storeFit(designs[first], responses, row + 1, g0, q0, out, cell + width);
  storeFit(designs[first + 1], responses, row + 1, g1, q1, out, cell + width + 1);
  storeFit(designs[first + 2], responses, row + 1, g2, q2, out, cell + width + 2);
  storeFit(designs[first + 3], responses, row + 1, g3, q3, out, cell + width + 3);
}

function writeFourFits(designs: readonly OlsDesign[], first: number, responses: ResponsePanel, row: number, out: OlsFitColumns, cell: number): void {
  const { centered, n } = responses;
  const offset = row * n;
  const d0 = designs[first].centeredX;
  const d1 = designs[first + 1].centeredX;
  const d2 = designs[first + 2].centeredX;
  const d3 = designs[first + 3].centeredX;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const c = centered[offset + i];
    s0 += d0[i] * c;
    s1 += d1[i] * c;
    s2 += d2[i] * c;
    s3 += d3[i] * c;
  }
  const b0 = s0 / designs[first].sxx;
  const b1 = s1 / designs[first + 1].sxx;
  const b2 = s2 / designs[first + 2].sxx;
  const b3 = s3 / designs[first + 3].sxx;
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  for (let i = 0; i < n; i++) {
    const c = centered[offset + i];
    const e0 = c - b0 * d0[i];
    const e1 = c - b1 * d1[i];
    const e2 = c - b2 * d2[i];
    const e3 = c - b3 * d3[i];
    r0 += e0 * e0;
    r1 += e1 * e1;
    r2 += e2 * e2;
    r3 += e3 * e3;
  }
  storeFit(designs[first], responses, row, b0, r0, out, cell);
  storeFit(designs[first + 1], responses, row, b1, r1, out, cell + 1);
  storeFit(designs[first + 2], responses, row, b2, r2, out, cell + 2);
  storeFit(designs[first + 3], responses, row, b3, r3, out, cell + 3);
}

/** The statistics of a fit from its slope and SSR. */
function storeFit(design: OlsDesign, responses: ResponsePanel, row: number, beta: number, ssr: number, out: OlsFitColumns, cell: number): void {
  const { n, sxx } = design;
  const sst = responses.ssts[row];
  const residualVariance = ssr / (n - 2);
  const standardError = Math.sqrt(residualVariance / sxx);
  const tStat = standardError > 0 ? beta / standardError : beta === 0 ? 0 : Math.sign(beta) * Infinity;
  out.beta[cell] = beta;
  out.alpha[cell] = responses.means[row] - beta * design.xMean;
  out.rSquared[cell] = sst === 0 ? 0 : 1 - ssr / sst;
  out.standardError[cell] = standardError;
  out.tStat[cell] = tStat;
  out.n[cell] = n;
  out.residualVariance[cell] = residualVariance;
}
