import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { userNav } from "@/app/_lib/nav";
import { getViewer } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** Chrome only, never the guard: proxy.ts and each page (and its read models) refuse visitors. */
export default async function PortfoliosLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) return children;
  return <AppShell nav={userNav(viewer)} userName={viewer.name} role={viewer.role}>{children}</AppShell>;
}
