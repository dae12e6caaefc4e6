import { AlertList, CacheCard, FreshnessCard, LastRunsCard, OnboardingCard } from "@/components/admin/overview-panels";
import { PageHeader } from "@/components/ui/card";
import { getAdminOverview } from "@/lib/queries/get-admin-overview";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function AdminOverviewPage() {
  const viewer = await requireAdminPage("/admin");
  const overview = await getAdminOverview(viewer);
  return (
    <section>
      <PageHeader title="Overview" subtitle="Batch status, data freshness and alerts." />
      <AlertList alerts={overview.alerts} />
      <div className="grid gap-4 md:grid-cols-2">
        <LastRunsCard runs={overview.lastRuns} />
        <FreshnessCard items={overview.freshness} expectedDate={overview.expectedDate} />
        <OnboardingCard onboarding={overview.onboarding} />
        <CacheCard cache={overview.cache} />
      </div>
    </section>
  );
}
