import type { BenchCluster } from "./bench-database";
import type { Profiler } from "./profile";

/** What every figure of a bench run shares. */
export interface BenchContext {
  cluster: BenchCluster;
  /** A migrated, seeded database every figure copies. */
  template: string;
  /** Scratch folder of the run (dumps of rows for the floors, the numpy panel). */
  workDir: string;
  profiler: Profiler;
  symbols: number;
  portfolios: number;
}
