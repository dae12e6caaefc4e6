/** Plain DTOs of the admin overview read models: lib/queries builds them, pages, route handlers and components consume them. Types only. */
import type { SymbolCacheStats } from "@/lib/cache/symbol-cache";
import type { RunListItem } from "./run-dto";

export type FreshnessLevel = "ok" | "warning" | "critical";

export interface AdminAlert {
  kind: "nightly_late" | "phase_slow" | "phase_failed";
  severity: "warning" | "critical";
  message: string;
  runId?: string;
}

export interface FreshnessItem {
  label: string;
  latestDate: string | null;
  lagTradingDays: number | null;
  level: FreshnessLevel;
}

export interface OnboardingJobDto {
  id: string; symbol: string; status: string; attempts: number; error: string | null; createdAt: string; completedAt: string | null;
}

export interface AdminOverview {
  expectedDate: string;
  lastRuns: Pick<RunListItem, "id" | "jobType" | "status" | "startedAt" | "completedAt" | "durationMs" | "triggeredBy">[];
  freshness: FreshnessItem[];
  cache: SymbolCacheStats;
  onboarding: { counts: Record<string, number>; recent: OnboardingJobDto[] };
  alerts: AdminAlert[];
}
