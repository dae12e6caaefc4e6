import { fitOls } from "../math/fit-ols";
import { fitRidge, type RidgeFit } from "../math/fit-ridge";
import { fitOlsPrepared, prepareOlsDesign, prepareOlsResponse } from "../math/prepare-ols-design";
import { fitRidgePrepared, prepareRidgeDesign } from "../math/prepare-ridge-design";
import { hasZeroVariance } from "../math/has-zero-variance";
import { RIDGE_ALPHA, type FactorDefinition, type FactorFamilySpec } from "./factor-definitions";
import { buildExposure, listFamilyFactors, type AlignedSymbol, type FactorSink } from "./compute-symbol-factors-family";
import { computeRegressorReturns, type BenchmarkWindow, type PricePanel } from "./factor-window";

/**
 * Symbols whose kept dates equal W share one factorisation; the others are fitted one by one with fitOls / fitRidge.
 * The shared path calls the prepared-design primitives that fitOlsBatch / fitRidgeBatch use, without repeating their
 * input checks (alignment already rejected non-finite and constant returns), so both paths give identical numbers.
 */
function splitByWindow(aligned: AlignedSymbol[], batch: boolean): { shared: AlignedSymbol[]; own: AlignedSymbol[] } {
  if (!batch) return { shared: [], own: aligned };
  return { shared: aligned.filter((item) => item.window.fullWindow), own: aligned.filter((item) => !item.window.fullWindow) };
}

function zeroVarianceReason(label: string): string {
  return `Zero variance in ${label} returns over the window`;
}

/** Inputs shared by the fits of one family. */
export interface FamilyFitContext {
  panel: PricePanel;
  spec: FactorFamilySpec;
  benchmark: BenchmarkWindow;
  batch: boolean;
  sink: FactorSink;
}

export function fitRidgeFamily(context: FamilyFitContext, aligned: AlignedSymbol[]): void {
  const { panel, spec, benchmark, batch, sink } = context;
  const factors = listFamilyFactors(spec);
  const columns = factors.map((factor) => spec.regressorEtfs.indexOf(factor.longEtf!));
  const store = (item: AlignedSymbol, fit: RidgeFit) =>
    factors.forEach((factor, index) => {
      const j = columns[index];
      if (fit.constantColumns[j]) sink.fail(item.symbol, factor.name, zeroVarianceReason(spec.regressorEtfs[j]));
      else sink.record(item.symbol, factor, buildExposure(fit.coefficients[j], fit.rSquared, item.window, spec, RIDGE_ALPHA));
    });
  const { shared, own } = splitByWindow(aligned, batch);
  if (shared.length > 0) {
    const design = prepareRidgeDesign(benchmark.regressorReturns, RIDGE_ALPHA);
    for (const item of shared) store(item, fitRidgePrepared(design, item.window.symbolReturns));
  }
  for (const item of own) {
    store(item, fitRidge(computeRegressorReturns(panel, benchmark, item.window), item.window.symbolReturns, RIDGE_ALPHA));
  }
}

/** The regressor of a univariate factor: r(long) for market/IR, r(long) − r(short) for a spread. */
function buildRegressor(spec: FactorFamilySpec, factor: FactorDefinition, regressorReturns: Float64Array[]): Float64Array {
  const long = regressorReturns[spec.regressorEtfs.indexOf(factor.longEtf!)];
  if (!factor.shortEtf) return long;
  const short = regressorReturns[spec.regressorEtfs.indexOf(factor.shortEtf)];
  const spread = new Float64Array(long.length);
  for (let t = 0; t < long.length; t++) spread[t] = long[t] - short[t];
  return spread;
}

function describeRegressor(factor: FactorDefinition): string {
  return factor.shortEtf ? `${factor.longEtf}−${factor.shortEtf} spread` : factor.longEtf!;
}

export function fitOlsFamily(context: FamilyFitContext, aligned: AlignedSymbol[]): void {
  const { panel, spec, benchmark, batch, sink } = context;
  const factors = listFamilyFactors(spec);
  const { shared, own } = splitByWindow(aligned, batch);
  if (shared.length > 0) {
    const designs = factors.map((factor) => {
      const x = buildRegressor(spec, factor, benchmark.regressorReturns);
      return hasZeroVariance(x) ? null : prepareOlsDesign(x);
    });
    const scratch = new Float64Array(spec.windowReturns);
    for (const item of shared) {
      const response = prepareOlsResponse(item.window.symbolReturns, scratch);
      factors.forEach((factor, index) => {
        const design = designs[index];
        if (design === null) sink.fail(item.symbol, factor.name, zeroVarianceReason(describeRegressor(factor)));
        else {
          const fit = fitOlsPrepared(design, response);
          sink.record(item.symbol, factor, buildExposure(fit.beta, fit.rSquared, item.window, spec, null, fit));
        }
      });
    }
  }
  for (const item of own) {
    const regressorReturns = computeRegressorReturns(panel, benchmark, item.window);
    for (const factor of factors) {
      const x = buildRegressor(spec, factor, regressorReturns);
      if (hasZeroVariance(x)) {
        sink.fail(item.symbol, factor.name, zeroVarianceReason(describeRegressor(factor)));
        continue;
      }
      const fit = fitOls(x, item.window.symbolReturns);
      sink.record(item.symbol, factor, buildExposure(fit.beta, fit.rSquared, item.window, spec, null, fit));
    }
  }
}
