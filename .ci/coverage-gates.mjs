// Checks the coverage gates of coverage-gates.json (docs/decisions.md R7; vitest.config.ts reads the same file as its
// thresholds) from vitest's json-summary: vitest's exit code is not reliable here (see .ci/test.mjs).
import { readFileSync } from "node:fs";

const COVERAGE_GATES = JSON.parse(readFileSync(new URL("./coverage-gates.json", import.meta.url), "utf8"));

/** Sums a json-summary report per gated folder; returns one sentence per gate that is not met. */
export function findCoverageShortfalls(summary, root) {
  const shortfalls = [];
  for (const [folder, gate] of Object.entries(COVERAGE_GATES)) {
    const totals = { lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } };
    const files = Object.entries(summary).filter(([file]) => file !== "total" && file.startsWith(`${root}/${folder}`));
    for (const [, report] of files) {
      for (const metric of ["lines", "branches"]) {
        totals[metric].covered += report[metric].covered;
        totals[metric].total += report[metric].total;
      }
    }
    if (files.length === 0) shortfalls.push(`coverage gate ${folder}: no file of ${folder} was measured`);
    for (const metric of ["lines", "branches"]) {
      const { covered, total } = totals[metric];
      const percent = total === 0 ? 100 : (100 * covered) / total;
      if (percent < gate[metric]) {
        const worst = files
          .filter(([, report]) => report[metric].pct < 100)
          .sort(([, a], [, b]) => a[metric].pct - b[metric].pct)
          .slice(0, 5)
          .map(([file, report]) => `${file.slice(root.length + 1)} ${report[metric].pct}%`);
        shortfalls.push(`coverage gate ${folder}: ${metric} ${percent.toFixed(2)}% < ${gate[metric]}% (lowest: ${worst.join(", ")})`);
      }
    }
  }
  return shortfalls;
}
