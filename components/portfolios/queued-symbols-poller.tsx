"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While symbols are queued, polls the portfolio API every 3 s and refreshes the page once the queue changes. */
export function QueuedSymbolsPoller({ portfolioId, queued }: { portfolioId: string; queued: string[] }) {
  const router = useRouter();
  const key = queued.join(",");
  const { data } = useQuery({
    queryKey: ["portfolio-queue", portfolioId, key],
    queryFn: async () => {
      const response = await fetch(`/api/portfolios/${portfolioId}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`Polling failed (${response.status})`);
      return ((await response.json()) as { queuedSymbols: string[]; calcDate: string | null });
    },
    enabled: queued.length > 0,
    refetchInterval: 3000,
  });
  useEffect(() => {
    if (data && data.queuedSymbols.join(",") !== key) router.refresh();
  }, [data, key, router]);
  if (queued.length === 0) return null;
  return (
    <div role="status" className="mb-4 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
      Queued for onboarding: <span className="font-mono">{queued.join(", ")}</span> — prices and factors are being fetched; this page updates by itself.
    </div>
  );
}
