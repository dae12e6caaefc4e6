import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { adminNav, userNav } from "@/app/_lib/nav";
import { getViewer } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** Chrome only, never the guard: proxy.ts and each page (and its read models) refuse non-admins. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) return children;
  // A signed-in non-admin who reaches an admin address sees the not-found page inside their own header.
  return <AppShell nav={viewer.role === "admin" ? adminNav() : userNav(viewer)} userName={viewer.name} role={viewer.role}>{children}</AppShell>;
}
