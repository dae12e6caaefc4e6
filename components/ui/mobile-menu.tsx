"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/** The header's navigation on narrow screens: a disclosure that closes again when the page changes. */
export function MobileMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="relative ml-auto lg:hidden" data-testid="mobile-menu"
      onKeyDown={(event) => { if (event.key === "Escape" && ref.current?.open) { ref.current.open = false; ref.current.querySelector("summary")?.focus(); } }}>
      <summary className="cursor-pointer list-none rounded-md border border-slate-700 px-3 py-1.5 text-sm text-slate-100 hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        Menu
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-60 rounded-md bg-slate-900 p-2 shadow-lg ring-1 ring-slate-700">{children}</div>
    </details>
  );
}
