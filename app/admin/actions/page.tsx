import { BackfillForm } from "@/components/admin/backfill-form";
import { RerunForm } from "@/components/admin/rerun-form";
import { PageHeader } from "@/components/ui/card";
import { PIPELINE } from "@/lib/batch/pipeline";
import { latestCompletedTradingDay, tradingDaysBack } from "@/lib/base/calendar";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function ActionsPage() {
  await requireAdminPage("/admin/actions");
  const latest = latestCompletedTradingDay(new Date());
  const weekBack = tradingDaysBack(latest, 5)[0];
  return (
    <div className="space-y-6">
      <PageHeader title="Actions" subtitle="Rerun a phase or backfill a range. Every action shows a dry-run preview and needs a confirmation." />
      <RerunForm phases={PIPELINE.map((phase) => ({ key: phase.key, label: phase.label }))} defaultDate={latest} />
      <BackfillForm defaultFrom={weekBack} defaultTo={latest} />
    </div>
  );
}
