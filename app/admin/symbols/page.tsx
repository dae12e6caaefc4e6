import { Card, PageHeader } from "@/components/ui/card";
import { formatDate, formatNumber } from "@/components/ui/format";
import { FilteredSymbolsTable, OnboardingJobsTable, UniverseTable, UnpricedSymbolsTable } from "@/components/symbols/symbol-tables";
import { getSymbolAdmin } from "@/lib/queries/get-symbol-admin";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function SymbolsPage() {
  const viewer = await requireAdminPage("/admin/symbols");
  const data = await getSymbolAdmin(viewer);
  const active = data.universe.filter((row) => row.isActive).length;
  return (
    <div className="space-y-6">
      <PageHeader title="Symbols" subtitle={`${formatNumber(data.universe.length, 0)} symbols in the universe (${formatNumber(active, 0)} active, ${formatNumber(data.universe.length - active, 0)} inactive); rules as of ${formatDate(data.asOf)}.`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Filtered position symbols (not fetched, not regressed)"><FilteredSymbolsTable rows={data.filtered} /></Card>
        <Card title="Onboarding jobs"><OnboardingJobsTable rows={data.jobs} /></Card>
      </div>
      <Card title="Unpriced symbols"><UnpricedSymbolsTable rows={data.unpriced} /></Card>
      <Card title="Universe"><UniverseTable rows={data.universe} /></Card>
    </div>
  );
}
