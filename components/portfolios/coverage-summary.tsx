import type { CoverageDto } from "@/lib/schemas/portfolio-dto";
import { formatPct } from "@/components/ui/format";

/** Factor coverage of the public book: a bar plus the numbers behind it. */
export function CoverageSummary({ coverage, calcDate }: { coverage: CoverageDto | null; calcDate: string | null }) {
  if (!coverage) {
    return <p className="text-sm text-slate-600" data-testid="coverage">Coverage not computed yet — exposures appear after the next nightly run (21:00 ET) or once queued symbols finish onboarding.</p>;
  }
  const pct = Math.max(0, Math.min(1, coverage.coverage));
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600" data-testid="coverage">
      <span className="font-medium text-slate-800">Coverage {formatPct(coverage.coverage, 1)}</span>
      <span className="h-2 w-40 rounded bg-slate-200" aria-hidden><span className="block h-2 rounded bg-emerald-500" style={{ width: `${pct * 100}%` }} /></span>
      <span data-testid="covered-positions">{coverage.coveredPositions}/{coverage.publicPositions} public positions have factors</span>
      <span>private allocation {formatPct(coverage.privateAllocation, 1)} (excluded)</span>
      {calcDate && <span className="text-slate-500">as of {calcDate}</span>}
    </div>
  );
}
