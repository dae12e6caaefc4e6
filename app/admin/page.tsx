export const dynamic = "force-dynamic";

export default function AdminOverviewPage() {
  return (
    <section>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="mt-2 text-slate-600">Batch status, data freshness and alerts.</p>
    </section>
  );
}
