import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { RunFilters } from "@/components/runs/run-filters";
import { RunGrid } from "@/components/runs/run-grid";
import { RunListTable } from "@/components/runs/run-list-table";
import { RunPager } from "@/components/runs/run-pager";
import { RunsAutoRefresh } from "@/components/runs/runs-auto-refresh";
import { RunSummaryCards } from "@/components/runs/run-summary-cards";
import { RunTimeline } from "@/components/runs/run-timeline";
import { getRunGrid } from "@/lib/queries/get-run-grid";
import { getRunList } from "@/lib/queries/get-run-list";
import { runListQuerySchema } from "@/lib/schemas/admin-runs";
import { requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | undefined>>;

export default async function RunsPage({ searchParams }: { searchParams: Search }) {
  const viewer = await requireAdminPage("/admin/runs");
  const raw = await searchParams;
  const parsed = runListQuerySchema.safeParse({ status: raw.status || undefined, days: raw.days || undefined, page: raw.page || undefined });
  const query = parsed.success ? parsed.data : runListQuerySchema.parse({});
  const now = new Date();
  const pageQuery = { status: query.status, days: String(query.days), page: query.page > 1 ? String(query.page) : undefined };
  const [list, grid] = await Promise.all([getRunList(viewer, { ...query, now }), getRunGrid(viewer, { days: 60, now })]);
  return (
    <div>
      <PageHeader title="Batch runs" subtitle="Job runs and performance">
        <div className="flex items-center gap-4">
          <RunFilters status={query.status ?? ""} days={query.days} />
          <Link href="/admin/actions" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">Rerun / backfill…</Link>
        </div>
      </PageHeader>
      <RunSummaryCards summary={list.summary} lastStatus={list.runs[0]?.status ?? null} />
      <Card title="Timeline" className="mb-6"><RunTimeline runs={list.runs} days={query.days} nowIso={now.toISOString()} /></Card>
      <Card title={`${list.summary.totalRuns} runs in the last ${query.days} days`} className="mb-6"
        actions={<RunsAutoRefresh query={pageQuery} runs={list.runs} total={list.summary.totalRuns} />}>
        <RunListTable runs={list.runs} />
        <RunPager page={list.page} pageSize={list.pageSize} total={list.summary.totalRuns} query={{ status: query.status, days: String(query.days) }} />
      </Card>
      <Card title="Dates × phases (last 60 trading days, latest attempt)"><RunGrid grid={grid} /></Card>
    </div>
  );
}
