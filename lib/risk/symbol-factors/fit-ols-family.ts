import { fitOlsPanel } from "../../math/fit-ols-panel";
import { hasZeroVariance } from "../../math/has-zero-variance";
import { createOlsFitColumns, prepareOlsDesign, type OlsFitColumns } from "../../math/prepare-ols-design";
import { writeOlsPanelFits } from "../../math/write-ols-panel-fits";
import type { FactorDefinition, FactorFamilySpec } from "../factor-definitions";
import { computeRegressorReturns, type BenchmarkWindow } from "./factor-window";
import type { FamilyFit } from "./fit-ridge-family";
import { COMPUTED_FACTORS, failSymbolFactor, getFactorColumn, listFamilyFactors, setFactorCell, type SymbolFactorTable } from "./symbol-factor-table";

/** The regressor of a univariate factor: r(long) for market/IR, r(long) − r(short) for a spread. */
function buildRegressor(spec: FactorFamilySpec, factor: FactorDefinition, regressorReturns: Float64Array[]): Float64Array {
  const long = regressorReturns[spec.regressorEtfs.indexOf(factor.longEtf!)];
  if (!factor.shortEtf) return long;
  const short = regressorReturns[spec.regressorEtfs.indexOf(factor.shortEtf)];
  const spread = new Float64Array(long.length);
  for (let t = 0; t < long.length; t++) spread[t] = long[t] - short[t];
  return spread;
}

function zeroVarianceReason(factor: FactorDefinition): string {
  return `Zero variance in ${factor.shortEtf ? `${factor.longEtf}−${factor.shortEtf} spread` : factor.longEtf} returns over the window`;
}

/** Fit `at` of a column store, with its statistics (of the uncapped beta), into the table. */
function storeOls(table: SymbolFactorTable, cell: number, fits: OlsFitColumns, at: number, window: { n: number; start: number; end: number }): void {
  setFactorCell(table, cell, fits.beta[at], fits.rSquared[at], window);
  table.standardError[cell] = fits.standardError[at];
  table.tStat[cell] = fits.tStat[at];
  table.pValue[cell] = fits.pValue[at];
}

/**
 * A univariate OLS family (the four spreads, market beta or IR beta) over a complete W: W's regressors are centred
 * once; each block's symbols sharing W are fitted in one panel pass, the symbols with gaps one by one. A regressor
 * with zero variance fails its factor only.
 */
export function createOlsFamilyFit(spec: FactorFamilySpec, benchmark: BenchmarkWindow): FamilyFit {
  const factors = listFamilyFactors(spec);
  const columnOf = factors.map((factor) => getFactorColumn(factor.name));
  const width = COMPUTED_FACTORS.length;
  const regressors = factors.map((factor) => buildRegressor(spec, factor, benchmark.regressorReturns));
  const usable = factors.map((_, index) => index).filter((index) => !hasZeroVariance(regressors[index]));
  const constant = factors.filter((_, index) => !usable.includes(index));
  // Finite, non-constant regressors and finite, checked returns: the guards of fitOlsPanel hold.
  const designs = usable.map((index) => prepareOlsDesign(regressors[index]));
  const indices = benchmark.dateIndices;
  const sharedWindow = { n: indices.length - 1, start: indices[0], end: indices[indices.length - 1] };
  return (panel, family, table) => {
    const { sharedSymbols, shared } = family;
    for (const factor of constant) for (const symbolIndex of sharedSymbols) failSymbolFactor(table, symbolIndex, factor.name, zeroVarianceReason(factor));
    if (sharedSymbols.length > 0 && designs.length > 0) {
      const fits = createOlsFitColumns(shared.rows * designs.length);
      writeOlsPanelFits(designs, shared, fits);
      for (let r = 0; r < sharedSymbols.length; r++) {
        for (let u = 0; u < designs.length; u++) {
          storeOls(table, sharedSymbols[r] * width + columnOf[usable[u]], fits, r * designs.length + u, sharedWindow);
        }
      }
    }
    for (const { symbolIndex, window } of family.ownWindows) {
      const regressorReturns = computeRegressorReturns(panel, benchmark, window);
      const kept = window.keptIndices;
      const span = { n: window.n, start: kept[0], end: kept[kept.length - 1] };
      factors.forEach((factor, index) => {
        const x = buildRegressor(spec, factor, regressorReturns);
        if (hasZeroVariance(x)) failSymbolFactor(table, symbolIndex, factor.name, zeroVarianceReason(factor));
        else storeOls(table, symbolIndex * width + columnOf[index], fitOlsPanel([x], window.symbolReturns), 0, span);
      });
    }
  };
}
