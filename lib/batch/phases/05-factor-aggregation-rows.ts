/**
 * Phase 5 math for one portfolio on one date: its factor exposure rows and its coverage row, from the snapshot's
 * equity and the positions' signed market values (qty × close × multiplier, else the stored market value for private
 * holdings, else qty × entry price × multiplier), with lib/risk/portfolio-exposures.
 */
import type { SymbolFactors } from "../../cache/symbol-cache";
import type { CoverageRowWrite, ExposurePositionRow, ExposureRowWrite } from "../../db/portfolio-exposures-data";
import { computePortfolioExposures, type ExposurePositionInput } from "../../risk/portfolio-exposures";
import { roundToCents } from "../../risk/stress-engine-cents";
import { createPublicEquityPredicate, isPrivateHolding, optionMultiplier } from "../../base/symbols";

export interface ExposureInputs {
  closes: Map<string, number>;
  betas: Map<string, SymbolFactors>;
  factorIds: Map<string, number>;
  /** isPublicEquityPosition at the date, memoised. */
  isPublicEquity: ReturnType<typeof createPublicEquityPredicate>;
}

export function computeExposureRows(portfolioId: string, equityUsd: number, rows: ExposurePositionRow[], shared: ExposureInputs): { exposures: ExposureRowWrite[]; coverage: CoverageRowWrite } {
  const inputs: ExposurePositionInput[] = rows.map((row) => {
    const isPrivate = isPrivateHolding(row.symbol, row.investment_class);
    return {
      symbol: row.symbol,
      signedMarketValueUsd: signedMarketValue(row, shared.closes, isPrivate),
      isPublicEquity: shared.isPublicEquity(
        { symbol: row.symbol, investmentClass: row.investment_class, positionType: row.position_type, exitDate: row.exit_date },
      ),
      isPrivate,
    };
  });
  const result = computePortfolioExposures({ equityUsd, positions: inputs, symbolBetas: shared.betas });
  const exposures: ExposureRowWrite[] = [];
  for (const [name, exposure] of Object.entries(result.exposures)) {
    const factorId = shared.factorIds.get(name);
    if (factorId !== undefined) exposures.push({ portfolioId, factorId, beta: exposure.beta, exposureUsd: exposure.exposureUsd });
  }
  let publicMv = 0;
  let privateMv = 0;
  for (const input of inputs) {
    if (input.isPublicEquity) publicMv += Math.abs(input.signedMarketValueUsd);
    if (input.isPrivate) privateMv += Math.abs(input.signedMarketValueUsd);
  }
  const coverage = result.coverage ?? 0;
  return {
    exposures,
    coverage: {
      portfolioId,
      equityUsd,
      publicMarketValueUsd: roundToCents(publicMv),
      coveredMarketValueUsd: roundToCents(publicMv * coverage),
      privateMarketValueUsd: roundToCents(privateMv),
      coverage,
      privateAllocation: result.privateAllocation,
      publicPositions: result.counts.publicPositions,
      coveredPositions: result.counts.publicPositionsWithBetas,
    },
  };
}

function signedMarketValue(row: ExposurePositionRow, closes: Map<string, number>, isPrivate: boolean): number {
  const multiplier = optionMultiplier(row.position_type);
  const close = isPrivate ? undefined : closes.get(row.symbol);
  if (close !== undefined) return row.quantity * close * multiplier;
  return row.market_value ?? row.quantity * row.entry_price * multiplier;
}
