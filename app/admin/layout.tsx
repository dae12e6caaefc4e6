import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { getViewer } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

const ADMIN_NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/runs", label: "Runs" },
  { href: "/admin/actions", label: "Actions" },
  { href: "/admin/factors", label: "Factors" },
  { href: "/admin/stress", label: "Stress" },
  { href: "/admin/symbols", label: "Symbols" },
  { href: "/portfolios", label: "Portfolios" },
];

/** Chrome only, never the guard: proxy.ts and each page (and its read models) refuse non-admins. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return children;
  return <AppShell nav={ADMIN_NAV} userName={viewer.name} role={viewer.role}>{children}</AppShell>;
}
