import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import COVERAGE_GATES from "./.ci/coverage-gates.json" with { type: "json" };

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,inngest,app,components,bench}/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["./lib/testing/global-setup.ts"],
    setupFiles: ["./lib/testing/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // `npm test` runs with --coverage: the pure layers carry a gate (.ci/coverage-gates.json); the rest is not measured.
    coverage: {
      provider: "v8",
      include: ["lib/math/**/*.ts", "lib/risk/**/*.ts", "lib/base/**/*.ts"],
      exclude: ["**/*.test.ts", "**/fixtures/**"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: ".ci-out/coverage",
      // A failing test is one failure: without this the summary is not written and the gate counts a second one.
      reportOnFailure: true,
      thresholds: Object.fromEntries(Object.entries(COVERAGE_GATES).map(([folder, gate]) => [`${folder}**/*.ts`, gate])),
    },
  },
});
