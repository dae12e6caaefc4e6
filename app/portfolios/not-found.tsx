import Link from "next/link";

export default function PortfolioNotFound() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-8">
      <h1 className="text-xl font-semibold">Portfolio not found</h1>
      <p className="mt-2 text-slate-600">It does not exist or is not yours.</p>
      <Link href="/portfolios" className="mt-4 inline-block text-indigo-700 underline">Back to your portfolios</Link>
    </div>
  );
}
