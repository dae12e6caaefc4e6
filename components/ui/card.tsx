import type { ReactNode } from "react";

export function Card({ title, children, className = "", actions, id }: { title?: string; children: ReactNode; className?: string; actions?: ReactNode; id?: string }) {
  return (
    <section id={id} className={`min-w-0 scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`} aria-label={title}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Stat({ label, value, tone = "default", testId }: { label: string; value: ReactNode; tone?: "default" | "good" | "warn" | "bad"; testId?: string }) {
  const tones = { default: "bg-white", good: "bg-emerald-50", warn: "bg-amber-50", bad: "bg-red-50" };
  return (
    <div className={`rounded-xl border border-slate-200 p-4 shadow-sm ${tones[tone]}`} data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular">{value}</div>
    </div>
  );
}

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {subtitle && <p className="mt-1 text-slate-600">{subtitle}</p>}
      </div>
      {children}
    </div>
  );
}
