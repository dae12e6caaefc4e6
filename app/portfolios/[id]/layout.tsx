import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getViewer } from "@/app/_lib/session";
import { NotFoundError } from "@/lib/auth/viewer";
import { readOwnPortfolio } from "./read-own-portfolio";

export const dynamic = "force-dynamic";

/**
 * Ownership is checked here, outside the loading boundary, so another user's portfolio is a real HTTP 404. The
 * status code only: the page reads it again (the same read, remembered for the request) and answers for anything
 * else that went wrong, inside its own error boundary.
 */
export default async function PortfolioLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer) {
    const missing = await readOwnPortfolio(viewer, id).then(() => false, (error: unknown) => error instanceof NotFoundError);
    if (missing) notFound();
  }
  return children;
}
