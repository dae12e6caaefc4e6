import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { runExists } from "@/lib/queries/get-resource-exists";
import { getViewer } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  // The status code only: the page checks again before it reads anything.
  if (viewer?.role === "admin" && !(await runExists(viewer, id))) notFound();
  return children;
}
