import { AppShell } from "@/components/ui/app-shell";
import { DeadEnd } from "@/components/ui/dead-end";
import { userNav } from "@/app/_lib/nav";
import { requireUserPage } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** Where the first gate sends a signed-in non-admin who asked for an admin page. */
export default async function ForbiddenPage() {
  const viewer = await requireUserPage("/forbidden");
  return <AppShell nav={userNav(viewer)} userName={viewer.name} role={viewer.role}><DeadEnd kind="forbidden" signedIn isAdmin={viewer.role === "admin"} /></AppShell>;
}
