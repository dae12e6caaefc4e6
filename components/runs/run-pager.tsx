import Link from "next/link";

export function RunPager({ page, pageSize, total, query }: { page: number; pageSize: number; total: number; query: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>, page: String(p) })}`;
  return (
    <div className="mt-3 flex items-center gap-3 text-sm">
      <span className="text-slate-500">{total} runs · page {page} of {pages}</span>
      {page > 1 && <Link href={href(page - 1)} className="text-indigo-700 hover:underline">Previous</Link>}
      {page < pages && <Link href={href(page + 1)} className="text-indigo-700 hover:underline">Next</Link>}
    </div>
  );
}
