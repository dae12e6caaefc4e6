import Link from "next/link";
import { RunDetailLive } from "@/components/runs/run-detail-live";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { orNotFound, requireAdminPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function RunDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireAdminPage(`/admin/runs/${id}`);
  const run = await orNotFound(getRunDetail(viewer, id));
  return (
    <div>
      <Link href="/admin/runs" className="text-sm text-indigo-700 hover:underline">← All runs</Link>
      <div className="mt-3"><RunDetailLive initial={run} /></div>
    </div>
  );
}
