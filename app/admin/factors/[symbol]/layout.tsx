import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { symbolExists } from "@/lib/queries/get-resource-exists";
import { getViewer } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function SymbolLayout({ children, params }: { children: ReactNode; params: Promise<{ symbol: string }> }) {
  const { symbol } = await params;
  const viewer = await getViewer();
  // The status code only: the page checks again before it reads anything.
  if (viewer?.role === "admin" && !(await symbolExists(viewer, decodeURIComponent(symbol)))) notFound();
  return children;
}
