import { DeadEnd } from "@/components/ui/dead-end";
import { getViewer } from "@/app/_lib/session";

/** An unknown run id or symbol under /admin: the admin layout already draws the header. */
export default async function AdminNotFound() {
  const viewer = await getViewer();
  return <DeadEnd kind="not-found" signedIn={viewer !== null} isAdmin={viewer?.role === "admin"} />;
}
