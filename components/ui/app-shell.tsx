import Link from "next/link";
import type { ReactNode } from "react";
import { MobileMenu } from "./mobile-menu";
import { SignOutButton } from "./sign-out-button";

export interface NavItem {
  href: string;
  label: string;
}

const LINK = "rounded-md px-3 py-1.5 text-sm text-slate-200 hover:bg-slate-800 hover:text-white";

/**
 * The dark header with the site's navigation and the page. Below the `lg` breakpoint the links, the signed-in user
 * and "Sign out" move into a menu inside the header, so nothing spills out of it on a phone.
 */
export function AppShell({ nav, userName, role, children }: { nav: NavItem[]; userName: string; role: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Factor<span className="text-indigo-300">watch</span>
          </Link>
          <nav className="hidden flex-1 gap-1 lg:flex" aria-label="Main">
            {nav.map((item) => <Link key={item.href} href={item.href} className={LINK}>{item.label}</Link>)}
          </nav>
          <span className="hidden text-sm text-slate-300 lg:inline">{userName} · {role}</span>
          <div className="hidden lg:block"><SignOutButton /></div>
          <MobileMenu>
            <nav className="flex flex-col" aria-label="Main (menu)">
              {nav.map((item) => <Link key={item.href} href={item.href} className={LINK}>{item.label}</Link>)}
            </nav>
            <div className="mt-2 border-t border-slate-700 pt-2">
              <p className="px-3 pb-1 text-xs text-slate-300">{userName} · {role}</p>
              <SignOutButton />
            </div>
          </MobileMenu>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
