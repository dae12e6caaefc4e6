import Link from "next/link";
import type { PortfolioListItem } from "@/lib/schemas/portfolio-dto";
import { formatUsd } from "@/components/ui/format";

export function PortfolioList({ portfolios }: { portfolios: PortfolioListItem[] }) {
  if (portfolios.length === 0) return <p className="text-slate-500">No portfolios yet — <Link className="text-indigo-700 underline" href="/portfolios/new">create one</Link> by entering positions or importing a CSV; exposures show up right away for known symbols.</p>;
  return (
    <div className="overflow-x-auto">
    <table className="w-full text-sm [&_td]:px-2 [&_th]:whitespace-nowrap [&_th]:px-2" aria-label="Portfolios">
      <thead className="text-left text-xs uppercase text-slate-600"><tr><th>Name</th><th className="text-right">Positions</th><th className="text-right">Starting equity</th><th className="text-right">Current equity</th><th>As of</th></tr></thead>
      <tbody>
        {portfolios.map((p) => (
          <tr key={p.id} className="border-t border-slate-100">
            <td className="py-1.5"><Link href={`/portfolios/${p.id}`} className="text-indigo-700 hover:underline">{p.name}</Link></td>
            <td className="text-right tabular">{p.positions}</td>
            <td className="text-right tabular">{formatUsd(p.startingEquity)}</td>
            <td className="text-right tabular">{formatUsd(p.currentEquity)}</td>
            <td className="whitespace-nowrap tabular">{p.currentEquityDate ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
