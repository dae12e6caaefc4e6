import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/app/_lib/session";
import { isPortfolioOwnedBy } from "@/lib/queries/get-resource-exists";
import { portfolioIdSchema } from "@/lib/schemas/portfolio";

export const dynamic = "force-dynamic";

/** Ownership is checked here, outside the loading boundary, so another user's portfolio is a real HTTP 404. */
export default async function PortfolioLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireUser(`/portfolios/${id}`);
  if (!portfolioIdSchema.safeParse(id).success || !(await isPortfolioOwnedBy(id, session.userId))) notFound();
  return children;
}
