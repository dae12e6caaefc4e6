import Link from "next/link";
import { AppShell } from "@/components/ui/app-shell";
import { DeadEnd } from "@/components/ui/dead-end";
import { adminNav, userNav } from "@/app/_lib/nav";
import { getViewer } from "@/app/_lib/session";

/**
 * The site's 404 for unknown addresses, with the site's header and navigation (Next's default page is a bare white
 * page with no way back, and carries an inline style the Content-Security-Policy refuses).
 */
export default async function NotFound() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <div className="min-h-screen">
        <header className="bg-slate-900 px-4 py-3 text-white sm:px-6">
          <Link href="/" className="text-lg font-semibold tracking-tight">Factor<span className="text-indigo-300">watch</span></Link>
        </header>
        <main className="px-4 py-10 sm:px-6"><DeadEnd kind="not-found" signedIn={false} isAdmin={false} /></main>
      </div>
    );
  }
  const nav = viewer.role === "admin" ? adminNav() : userNav(viewer);
  return <AppShell nav={nav} userName={viewer.name} role={viewer.role}><DeadEnd kind="not-found" signedIn isAdmin={viewer.role === "admin"} /></AppShell>;
}
