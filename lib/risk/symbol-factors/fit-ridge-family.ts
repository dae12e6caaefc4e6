import { fitRidge } from "../../math/fit-ridge";
import { createRidgeFitColumns, prepareRidgeDesign, writeRidgePanelFits } from "../../math/prepare-ridge-design";
import { RIDGE_ALPHA, type FactorFamilySpec } from "../factor-definitions";
import type { FamilyReturns } from "./family-returns";
import { computeRegressorReturns, type PricePanel } from "./factor-window";
import { COMPUTED_FACTORS, failSymbolFactor, getFactorColumn, listFamilyFactors, setFactorCell, type SymbolFactorTable } from "./symbol-factor-table";

/**
 * The ridge family (six style betas, α = 1, joint regression on the six style ETFs): the symbols sharing W in one
 * panel fit (one standardisation and factorisation), the symbols with gaps one by one. A constant regressor fails
 * its factor only.
 */
export function fitRidgeFamily(panel: PricePanel, spec: FactorFamilySpec, family: FamilyReturns, table: SymbolFactorTable): void {
  const factors = listFamilyFactors(spec);
  const regressorOf = factors.map((factor) => spec.regressorEtfs.indexOf(factor.longEtf!));
  const columnOf = factors.map((factor) => getFactorColumn(factor.name));
  const width = COMPUTED_FACTORS.length;
  const store = (symbolIndex: number, constant: readonly boolean[], coefficients: Float64Array, offset: number, rSquared: number, window: { n: number; start: number; end: number }) => {
    factors.forEach((factor, index) => {
      const j = regressorOf[index];
      if (constant[j]) failSymbolFactor(table, symbolIndex, factor.name, `Zero variance in ${spec.regressorEtfs[j]} returns over the window`);
      else setFactorCell(table, symbolIndex * width + columnOf[index], coefficients[offset + j], rSquared, window);
    });
  };
  const { benchmark, sharedSymbols, shared } = family;
  if (sharedSymbols.length > 0) {
    // W's regressor returns are finite (every ETF is priced on every date of W) and n > k: the guards of fitRidgePanel hold.
    const design = prepareRidgeDesign(benchmark.regressorReturns, RIDGE_ALPHA);
    const fits = createRidgeFitColumns(design, shared.rows);
    writeRidgePanelFits(design, shared, fits);
    const indices = benchmark.dateIndices;
    const window = { n: indices.length - 1, start: indices[0], end: indices[indices.length - 1] };
    for (let r = 0; r < sharedSymbols.length; r++) store(sharedSymbols[r], fits.constantColumns, fits.coefficients, r * fits.k, fits.rSquared[r], window);
  }
  for (const { symbolIndex, window } of family.ownWindows) {
    const fit = fitRidge(computeRegressorReturns(panel, benchmark, window), window.symbolReturns, RIDGE_ALPHA);
    const kept = window.keptIndices;
    store(symbolIndex, fit.constantColumns, fit.coefficients, 0, fit.rSquared, { n: window.n, start: kept[0], end: kept[kept.length - 1] });
  }
}
