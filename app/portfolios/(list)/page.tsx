import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { PortfolioList } from "@/components/portfolios/portfolio-list";
import { requireUserPage } from "@/app/_lib/session";
import { getPortfolioList } from "@/lib/queries/get-portfolio-list";

export const dynamic = "force-dynamic";

export default async function PortfoliosPage() {
  const viewer = await requireUserPage("/portfolios");
  const portfolios = await getPortfolioList(viewer);
  return (
    <div>
      <PageHeader title="Portfolios" subtitle="Your portfolios, valued nightly.">
        <Link href="/portfolios/new" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">New portfolio</Link>
      </PageHeader>
      <Card><PortfolioList portfolios={portfolios} /></Card>
    </div>
  );
}
