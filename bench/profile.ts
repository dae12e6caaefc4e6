/**
 * `--profile`: a V8 CPU profile of each timed region, written as <dir>/<name>.cpuprofile (open it in Chrome DevTools'
 * Performance panel or VS Code). Without --profile the regions run unprofiled.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

export interface Profiler {
  /** Runs `work`, profiling it when profiling is on; returns what `work` returns. */
  profile<T>(name: string, work: () => Promise<T>): Promise<T>;
  written: string[];
}

export function createProfiler(directory: string | null): Profiler {
  const written: string[] = [];
  return {
    written,
    async profile<T>(name: string, work: () => Promise<T>): Promise<T> {
      if (directory === null) return work();
      const session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 500 });
      await session.post("Profiler.start");
      try {
        return await work();
      } finally {
        const { profile } = await session.post("Profiler.stop");
        session.disconnect();
        mkdirSync(directory, { recursive: true });
        const file = path.join(directory, `${name}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        written.push(file);
      }
    },
  };
}
