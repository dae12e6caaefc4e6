import { Card, PageHeader } from "@/components/ui/card";
import { formatDate, formatUsd } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ContributionWaterfall } from "@/components/stress/contribution-waterfall";
import { CorrelationDriverNote } from "@/components/stress/correlation-driver-note";
import { FirstModelNotice } from "@/components/stress/first-model-notice";
import { ScenarioBuilder } from "@/components/stress/scenario-builder";
import { ScenarioSelect } from "@/components/stress/scenario-select";
import { StressDecompositionTable } from "@/components/stress/stress-decomposition-table";
import { toStressBreakdown } from "@/components/stress/stress-breakdown";
import { StressHeatmap } from "@/components/stress/stress-heatmap";
import { StressModelNote } from "@/components/stress/stress-model-note";
import { STRESS_FIGURE_NAMES } from "@/lib/risk/stress-factors";
import { getPersonalScenarios } from "@/lib/queries/get-personal-scenarios";
import { readStressOverview } from "@/lib/queries/read-stress-overview";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

type Search = Promise<{ date?: string; portfolio?: string; scenario?: string }>;

export default async function StressPage({ searchParams }: { searchParams: Search }) {
  const viewer = await requireAdminPage("/admin/stress");
  const { date, portfolio, scenario } = await searchParams;
  const [data, saved] = await Promise.all([readStressOverview(viewer, { date, portfolioId: portfolio, scenarioId: scenario }), getPersonalScenarios(viewer)]);
  const s = data.selected;
  return (
    <div className="space-y-6">
      <PageHeader title="Stress" subtitle={`Scenario P&L by portfolio${data.date ? ` for ${formatDate(data.date)}` : ""}.`} />
      <StressModelNote />
      {data.hasFirstModelResults && <FirstModelNotice date={data.date} />}
      <Card title="Portfolio × scenario">{data.portfolios.length === 0 ? <EmptyState testId="stress-empty" action={{ href: "/admin/actions", label: "Rerun the stress phase from Actions." }}>No stress results stored yet — scenarios run in the nightly batch (21:00 ET) after portfolios are valued; a portfolio needs positions first.</EmptyState> : <StressHeatmap data={data} />}</Card>
      {s && (
        <Card title={`Breakdown — ${s.scenarioName} · ${s.portfolioName}`}>
          <ScenarioSelect scenarios={data.scenarios} portfolios={data.portfolios} scenarioId={s.scenarioId} portfolioId={s.portfolioId} />
          <p className="mb-2 text-sm" data-testid="stress-totals">
            {STRESS_FIGURE_NAMES.correlated.title} {formatUsd(s.correlatedPnl)}{s.correlatedCapApplied ? " (loss cap applied)" : ""} · {STRESS_FIGURE_NAMES.direct.title} {formatUsd(s.directPnl)}{s.directCapApplied ? " (loss cap applied)" : ""}
          </p>
          <div className="space-y-4">
            <CorrelationDriverNote decomposition={s} />
            <ContributionWaterfall decomposition={s} />
            <StressDecompositionTable breakdown={toStressBreakdown(s)} />
          </div>
        </Card>
      )}
      {data.portfolios.length > 0 && (
        <Card title="Scenario builder">
          <ScenarioBuilder portfolios={data.portfolios} portfolioId={s?.portfolioId ?? data.portfolios[0].id} date={data.date} saved={saved} />
        </Card>
      )}
    </div>
  );
}
