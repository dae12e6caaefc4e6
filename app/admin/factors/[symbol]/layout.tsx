import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { symbolExists } from "@/lib/queries/get-resource-exists";

export const dynamic = "force-dynamic";

export default async function SymbolLayout({ children, params }: { children: ReactNode; params: Promise<{ symbol: string }> }) {
  const { symbol } = await params;
  if (!(await symbolExists(decodeURIComponent(symbol)))) notFound();
  return children;
}
