import { fitRidge } from "../../math/fit-ridge";
import { createRidgeFitColumns, prepareRidgeDesign, writeRidgePanelFits } from "../../math/prepare-ridge-design";
import { RIDGE_ALPHA, type FactorFamilySpec } from "../factor-definitions";
import type { FamilyReturns } from "./family-returns";
import { computeRegressorReturns, type BenchmarkWindow, type PricePanel } from "./factor-window";
import { COMPUTED_FACTORS, failSymbolFactor, getFactorColumn, listFamilyFactors, setFactorCell, type SymbolFactorTable } from "./symbol-factor-table";

export type FamilyFit = (panel: PricePanel, family: FamilyReturns, table: SymbolFactorTable) => void;

/**
 * The ridge family (six style betas, α = 1, joint regression on the six style ETFs) over a complete W: W's design is
 * standardised and factorised once; each block's symbols sharing W are fitted in one panel pass, the symbols with
 * gaps one by one. A constant regressor fails its factor only.
 */
export function createRidgeFamilyFit(spec: FactorFamilySpec, benchmark: BenchmarkWindow): FamilyFit {
  const factors = listFamilyFactors(spec);
  const regressorOf = factors.map((factor) => spec.regressorEtfs.indexOf(factor.longEtf!));
  const columnOf = factors.map((factor) => getFactorColumn(factor.name));
  const width = COMPUTED_FACTORS.length;
  // W's regressor returns are finite (every ETF is priced on every date of W) and n > k: the guards of fitRidgePanel hold.
  const design = prepareRidgeDesign(benchmark.regressorReturns, RIDGE_ALPHA);
  const indices = benchmark.dateIndices;
  const sharedWindow = { n: indices.length - 1, start: indices[0], end: indices[indices.length - 1] };
  return (panel, family, table) => {
    const store = (symbolIndex: number, constant: readonly boolean[], coefficients: Float64Array, offset: number, rSquared: number, window: { n: number; start: number; end: number }) => {
      for (let index = 0; index < factors.length; index++) { // a loop, not forEach: no closure per symbol
        const j = regressorOf[index];
        if (constant[j]) failSymbolFactor(table, symbolIndex, factors[index].name, `Zero variance in ${spec.regressorEtfs[j]} returns over the window`);
        else setFactorCell(table, symbolIndex * width + columnOf[index], coefficients[offset + j], rSquared, window);
      }
    };
    const { sharedSymbols, shared } = family;
    if (sharedSymbols.length > 0) {
      const fits = createRidgeFitColumns(design, shared.rows);
      writeRidgePanelFits(design, shared, fits);
      for (let r = 0; r < sharedSymbols.length; r++) store(sharedSymbols[r], fits.constantColumns, fits.coefficients, r * fits.k, fits.rSquared[r], sharedWindow);
    }
    for (const { symbolIndex, window } of family.ownWindows) {
      const fit = fitRidge(computeRegressorReturns(panel, benchmark, window), window.symbolReturns, RIDGE_ALPHA);
      const kept = window.keptIndices;
      store(symbolIndex, fit.constantColumns, fit.coefficients, 0, fit.rSquared, { n: window.n, start: kept[0], end: kept[kept.length - 1] });
    }
  };
}
