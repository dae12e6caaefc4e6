import { Card, PageHeader } from "@/components/ui/card";
import { DateSelect } from "@/components/factors/date-select";
import { FactorHeatmap } from "@/components/factors/factor-heatmap";
import { getFactorHeatmap } from "@/lib/queries/get-factor-heatmap";

export const dynamic = "force-dynamic";

export default async function FactorsPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  const { date } = await searchParams;
  const heatmap = await getFactorHeatmap(date);
  return (
    <div>
      <PageHeader title="Factors" subtitle={`Symbol betas on the 13 factors${heatmap.date ? ` for ${heatmap.date}` : ""}.`}>
        <DateSelect dates={heatmap.availableDates} value={heatmap.date} />
      </PageHeader>
      <Card>{heatmap.rows.length === 0 ? <p className="text-slate-500">No factor rows stored yet.</p> : <FactorHeatmap heatmap={heatmap} />}</Card>
    </div>
  );
}
