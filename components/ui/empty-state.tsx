import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The one empty-state line used by the admin pages: what is missing, why, and what to do next.
 * `action` links to the page where the user can fix it (usually Actions).
 */
export function EmptyState({ children, action, testId, className = "" }: { children: ReactNode; action?: { href: string; label: string }; testId?: string; className?: string }) {
  return (
    <p className={`text-sm text-slate-500 ${className}`} data-testid={testId}>
      {children}
      {action && <> <Link href={action.href} className="text-indigo-700 underline">{action.label}</Link></>}
    </p>
  );
}
