import Link from "next/link";
import { getViewer } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const session = await getViewer();
  return (
    <main className="mx-auto max-w-3xl px-6 py-20">
      <h1 className="text-4xl font-semibold tracking-tight">
        Factor<span className="text-indigo-600">watch</span>
      </h1>
      <p className="mt-4 text-lg text-slate-600">
        The nightly factor-risk batch: prices, 13 factor betas per symbol, portfolio P&amp;L, factor exposures and stress
        tests — and the dashboard that runs it.
      </p>
      <div className="mt-8 flex gap-3">
        {session ? (
          <Link href={session.role === "admin" ? "/admin" : "/portfolios"} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500">
            Open the dashboard
          </Link>
        ) : (
          <Link href="/login" className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500">
            Sign in
          </Link>
        )}
      </div>
    </main>
  );
}
