import { notFound } from "next/navigation";
import Link from "next/link";
import { RunDetailLive } from "@/components/runs/run-detail-live";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { runIdSchema } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export default async function RunDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) notFound();
  const run = await getRunDetail(id);
  if (!run) notFound();
  return (
    <div>
      <Link href="/admin/runs" className="text-sm text-indigo-700 hover:underline">← All runs</Link>
      <div className="mt-3"><RunDetailLive initial={run} /></div>
    </div>
  );
}
