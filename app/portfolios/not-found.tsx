import { DeadEnd } from "@/components/ui/dead-end";
import { getViewer } from "@/app/_lib/session";

/** A portfolio that does not exist or is not the viewer's: the portfolios layout already draws the header. */
export default async function PortfolioNotFound() {
  const viewer = await getViewer();
  return <DeadEnd kind="not-found" what="Portfolio" signedIn={viewer !== null} isAdmin={viewer?.role === "admin"} />;
}
