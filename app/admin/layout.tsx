import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { requireAdmin } from "@/app/_lib/session";

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

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requireAdmin("/admin");
  return <AppShell nav={ADMIN_NAV} userName={session.name} role={session.role}>{children}</AppShell>;
}
