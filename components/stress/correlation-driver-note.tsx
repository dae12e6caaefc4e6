import type { StressDecompositionDto } from "@/lib/schemas/stress-dto";
import { formatSignedPct, formatSignedUsd, formatUsdCompact } from "./stress-format";

/** When the correlated total is more than 3× the direct one: which move drives it, in a sentence. */
export function CorrelationDriverNote({ decomposition }: { decomposition: Pick<StressDecompositionDto, "driver" | "directPnl" | "correlatedPnl"> }) {
  const driver = decomposition.driver;
  if (!driver) return null;
  const size = driver.ratio === null
    ? `The direct figure is $0 while the correlated one is ${formatSignedUsd(decomposition.correlatedPnl)}`
    : `The correlated figure is ${driver.ratio.toFixed(1)}× the direct one`;
  let why: string;
  if (driver.implied && driver.factor === "Market") {
    why = `the model implies a market move of ${formatSignedPct(driver.move)} given the scenario's other moves, and your style betas carry ${formatUsdCompact(driver.marketExposureUsd)} of market exposure`;
  } else if (driver.implied) {
    why = `the model implies ${driver.factor === "Interest Rate" ? `a TLT move of ${formatSignedPct(driver.move)}` : `${driver.label} of ${formatSignedPct(driver.move)}`} given the scenario's moves`;
  } else if (driver.factor === "Market") {
    why = `the market shock falls on the ${formatUsdCompact(driver.marketExposureUsd)} of market exposure your style betas carry, against ${formatUsdCompact(driver.marketBetaExposureUsd)} of 90-day market beta`;
  } else {
    why = `of ${driver.label}`;
  }
  return (
    <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="correlation-driver">
      {size}, mainly because {why}: {formatSignedUsd(driver.gapUsd)} of the difference.
    </p>
  );
}
