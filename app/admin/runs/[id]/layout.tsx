import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { runExists } from "@/lib/queries/get-resource-exists";
import { runIdSchema } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success || !(await runExists(id))) notFound();
  return children;
}
