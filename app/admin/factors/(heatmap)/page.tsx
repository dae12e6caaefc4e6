import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { DateSelect } from "@/components/factors/date-select";
import { FactorHeatmap } from "@/components/factors/factor-heatmap";
import { getFactorHeatmap } from "@/lib/queries/get-factor-heatmap";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function FactorsPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  const viewer = await requireAdminPage("/admin/factors");
  const { date } = await searchParams;
  const heatmap = await getFactorHeatmap(viewer, date);
  return (
    <div>
      <PageHeader title="Factors" subtitle={`Symbol betas on the 13 factors${heatmap.date ? ` for ${formatDate(heatmap.date)}` : ""}.`}>
        {heatmap.availableDates.length > 0 && <DateSelect dates={heatmap.availableDates} value={heatmap.date} />}
      </PageHeader>
      <Card>{heatmap.rows.length === 0 ? <EmptyState testId="factors-empty" action={{ href: "/admin/actions", label: "Backfill dates or rerun the factor phase from Actions." }}>{heatmap.date ? `No factor betas stored for ${formatDate(heatmap.date)} — pick another date above.` : "No factor betas stored yet — they are computed by the nightly run (21:00 ET)."}</EmptyState> : <FactorHeatmap heatmap={heatmap} />}</Card>
    </div>
  );
}
