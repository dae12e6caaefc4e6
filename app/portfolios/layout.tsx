import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { requireUser } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

export default async function PortfoliosLayout({ children }: { children: ReactNode }) {
  const session = await requireUser("/portfolios");
  const nav = [{ href: "/portfolios", label: "Portfolios" }, { href: "/portfolios/new", label: "New portfolio" }];
  if (session.role === "admin") nav.push({ href: "/admin", label: "Admin" });
  return <AppShell nav={nav} userName={session.name} role={session.role}>{children}</AppShell>;
}
