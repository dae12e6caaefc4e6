import Link from "next/link";

/**
 * The one page for an address that leads nowhere: nothing there (not found) or not for this viewer (forbidden).
 * It says which, and offers the ways on that this viewer has.
 */
export function DeadEnd({ kind, signedIn, isAdmin, what }: { kind: "not-found" | "forbidden"; signedIn: boolean; isAdmin: boolean; what?: string }) {
  const title = kind === "forbidden" ? "This page is for administrators" : `${what ?? "Page"} not found`;
  const text = kind === "forbidden"
    ? "You are signed in without admin rights, so the admin pages stay closed. Your portfolios are one click away."
    : "There is nothing at this address, or it is not yours to see. The link may be old, or the run, symbol or portfolio may no longer exist.";
  const links = signedIn
    ? [{ href: "/portfolios", label: "Your portfolios" }, ...(isAdmin ? [{ href: "/admin", label: "Admin overview" }, { href: "/admin/runs", label: "Batch runs" }] : [])]
    : [{ href: "/login", label: "Sign in" }, { href: "/", label: "Home" }];
  return (
    <div className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-8 shadow-sm" data-testid="dead-end" data-kind={kind}>
      <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700">{kind === "forbidden" ? "403 · Not allowed" : "404 · Not found"}</p>
      <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{text}</p>
      <nav aria-label="Ways on" className="mt-5 flex flex-wrap gap-3">
        {links.map((link, i) => (
          <Link key={link.href} href={link.href}
            className={i === 0 ? "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500" : "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"}>
            {link.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
