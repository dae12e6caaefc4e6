import type { Viewer } from "@/lib/auth/viewer";
import type { NavItem } from "@/components/ui/app-shell";

const ADMIN_NAV: NavItem[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/runs", label: "Runs" },
  { href: "/admin/actions", label: "Actions" },
  { href: "/admin/factors", label: "Factors" },
  { href: "/admin/stress", label: "Stress" },
  { href: "/admin/symbols", label: "Symbols" },
  { href: "/portfolios", label: "Portfolios" },
];

/** The header's links for a viewer: an admin gets the admin pages, everyone their portfolios. */
export function adminNav(): NavItem[] {
  return ADMIN_NAV;
}

export function userNav(viewer: Viewer): NavItem[] {
  const nav = [{ href: "/portfolios", label: "Portfolios" }, { href: "/portfolios/new", label: "New portfolio" }];
  if (viewer.role === "admin") nav.push({ href: "/admin", label: "Admin" });
  return nav;
}
