import Link from "next/link";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { RollingBetaChart } from "@/components/factors/rolling-beta-chart";
import { SymbolFactorTable } from "@/components/factors/symbol-factor-table";
import { formatBeta, formatDate } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/empty-state";
import { getSymbolFactors } from "@/lib/queries/get-symbol-factors";
import { orNotFound, requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function SymbolFactorsPage({ params, searchParams }: { params: Promise<{ symbol: string }>; searchParams: Promise<{ date?: string }> }) {
  const { symbol } = await params;
  const viewer = await requireAdminPage(`/admin/factors/${symbol}`);
  const { date } = await searchParams;
  const data = await orNotFound(getSymbolFactors(viewer, decodeURIComponent(symbol), date));
  return (
    <div className="space-y-6">
      <Link href="/admin/factors" className="text-sm text-indigo-700 hover:underline">← Factor heatmap</Link>
      <PageHeader title={data.symbol} subtitle={`${data.sector ?? "no sector"} · ${data.isActive ? "active" : "inactive"} · betas as of ${formatDate(data.date)}`} />
      <div className="grid gap-4 md:grid-cols-2">
        <Stat label="Computed Market Beta (90D)" value={formatBeta(data.computedMarketBeta)} testId="computed-beta" />
        <Stat label="Provider Beta (1Y)" value={formatBeta(data.providerBeta)} testId="provider-beta" />
      </div>
      <p className="text-xs text-slate-500">Provider Beta (1Y): {data.providerBetaSource}</p>
      <Card title="13 factor betas">
        {!data.date && <EmptyState className="mb-3" testId="symbol-factors-empty" action={{ href: "/admin/actions", label: "Backfill from Actions." }}>No factor regressions stored for {data.symbol} yet — a new symbol gets them from its onboarding job or the next nightly run (21:00 ET).</EmptyState>}
        <SymbolFactorTable factors={data.factors} />
      </Card>
      <Card title="Rolling betas across stored dates"><RollingBetaChart history={data.history} factorNames={data.factorNames} /></Card>
    </div>
  );
}
