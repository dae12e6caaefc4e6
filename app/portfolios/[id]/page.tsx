import { Card, PageHeader } from "@/components/ui/card";
import { CoverageSummary } from "@/components/portfolios/coverage-summary";
import { EquityChart } from "@/components/portfolios/equity-chart";
import { ExposureBarChart } from "@/components/portfolios/exposure-bar-chart";
import { ExposureTable } from "@/components/portfolios/exposure-table";
import { HoldingsHeatmap } from "@/components/portfolios/holdings-heatmap";
import { OnboardingStatusPanel } from "@/components/portfolios/onboarding-status";
import { toHoldingView, toStressRowView } from "@/components/portfolios/portfolio-views";
import { StressTable } from "@/components/portfolios/stress-table";
import { FirstModelNotice } from "@/components/stress/first-model-notice";
import { ScenarioBuilder } from "@/components/stress/scenario-builder";
import { StressModelNote } from "@/components/stress/stress-model-note";
import { formatUsd } from "@/components/ui/format";
import { orNotFound, requireUserPage } from "@/app/_lib/session";
import { getPersonalScenarios } from "@/lib/queries/get-personal-scenarios";
import { readOwnPortfolio } from "./read-own-portfolio";

export const dynamic = "force-dynamic";

export default async function PortfolioPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireUserPage(`/portfolios/${id}`);
  const [p, saved] = await Promise.all([orNotFound(readOwnPortfolio(viewer, id)), getPersonalScenarios(viewer)]);
  const csv = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  const h3 = "mb-1 text-xs font-medium text-slate-500";
  return (
    // The marker tells the server's page cache that the page rendered whole (lib/http/portfolio-page-cache.ts).
    <div className="space-y-6" data-page="portfolio-detail">
      <PageHeader title={p.name} subtitle={`Equity ${formatUsd(p.currentEquity)} (as of ${p.currentEquityDate ?? "inception"}) · starting ${formatUsd(p.startingEquity)} · factors as of ${p.calcDate ?? "—"}`}>
        <div className="flex gap-2">
          <a className={csv} href={`/api/portfolios/${p.id}/exposures.csv`} download>Exposures CSV</a>
          <a className={csv} href={`/api/portfolios/${p.id}/stress.csv`} download>Stress CSV</a>
        </div>
      </PageHeader>
      <OnboardingStatusPanel portfolioId={p.id} initial={{ onboarding: p.onboarding, onboardingActive: p.onboardingActive, coverage: p.coverage, calcDate: p.calcDate }} />
      <Card title="Factor exposures">
        <CoverageSummary coverage={p.coverage} calcDate={p.calcDate} />
        <div className="mt-3 grid gap-6 lg:grid-cols-2">
          <div><h3 className={h3}>Beta</h3><ExposureBarChart rows={p.exposures} mode="beta" /></div>
          <div><h3 className={h3}>Dollar exposure (USD)</h3><ExposureBarChart rows={p.exposures} mode="dollar" /></div>
        </div>
      </Card>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card title="Exposure table"><ExposureTable rows={p.exposures} /></Card>
        <Card title="Equity and P&L"><EquityChart points={p.snapshots.map(({ date, equity, dailyPnl, cumulativePnl }) => ({ date, equity, dailyPnl, cumulativePnl }))} /></Card>
      </div>
      <Card title="Holdings × factors (click a row for statistics)"><HoldingsHeatmap holdings={p.holdings.map((holding) => toHoldingView(holding, p.factorNames))} factorNames={p.factorNames} /></Card>
      <Card title={`Stress tests${p.stressDate ? ` (${p.stressDate})` : ""}`}>
        <div className="mb-3"><StressModelNote /></div>
        {p.stress.some((row) => row.decomposition.modelVersion < 2) && <FirstModelNotice date={p.stressDate} />}
        <StressTable rows={p.stress.map(toStressRowView)} />
      </Card>
      {p.calcDate && <Card title="Scenario builder"><ScenarioBuilder portfolios={[{ id: p.id, name: p.name }]} portfolioId={p.id} date={null} saved={saved} /></Card>}
    </div>
  );
}
