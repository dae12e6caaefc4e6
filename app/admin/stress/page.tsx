import { Card, PageHeader } from "@/components/ui/card";
import { formatDate, formatUsd } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ContributionWaterfall } from "@/components/stress/contribution-waterfall";
import { ScenarioSelect } from "@/components/stress/scenario-select";
import { StressHeatmap } from "@/components/stress/stress-heatmap";
import { getStressOverview } from "@/lib/queries/get-stress-overview";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

type Search = Promise<{ date?: string; portfolio?: string; scenario?: string }>;

export default async function StressPage({ searchParams }: { searchParams: Search }) {
  const viewer = await requireAdminPage("/admin/stress");
  const { date, portfolio, scenario } = await searchParams;
  const data = await getStressOverview(viewer, { date, portfolioId: portfolio, scenarioId: scenario });
  const s = data.selected;
  return (
    <div className="space-y-6">
      <PageHeader title="Stress" subtitle={`Correlated scenario P&L by portfolio${data.date ? ` for ${formatDate(data.date)}` : ""}.`} />
      <Card title="Portfolio × scenario">{data.portfolios.length === 0 ? <EmptyState testId="stress-empty" action={{ href: "/admin/actions", label: "Rerun the stress phase from Actions." }}>No stress results stored yet — scenarios run in the nightly batch (21:00 ET) after portfolios are valued; a portfolio needs positions first.</EmptyState> : <StressHeatmap data={data} />}</Card>
      {s && (
        <Card title={`Contributions — ${s.scenarioName}`}>
          <ScenarioSelect scenarios={data.scenarios} portfolios={data.portfolios} scenarioId={s.scenarioId} portfolioId={s.portfolioId} />
          <p className="mb-2 text-sm" data-testid="stress-totals">
            Correlated {formatUsd(s.correlatedPnl)}{s.correlatedCapApplied ? " (loss cap applied)" : ""} · direct {formatUsd(s.directPnl)}{s.directCapApplied ? " (loss cap applied)" : ""}
          </p>
          <ContributionWaterfall impacts={s.impacts} total={s.correlatedPnl} directTotal={s.directPnl} />
        </Card>
      )}
    </div>
  );
}
