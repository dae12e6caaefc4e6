import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getViewer } from "@/app/_lib/session";
import { isPortfolioOwnedBy } from "@/lib/queries/get-resource-exists";

export const dynamic = "force-dynamic";

/**
 * Ownership is checked here, outside the loading boundary, so another user's portfolio is a real HTTP 404. The
 * status code only: the page checks again before it reads anything.
 */
export default async function PortfolioLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer && !(await isPortfolioOwnedBy(viewer, id))) notFound();
  return children;
}
