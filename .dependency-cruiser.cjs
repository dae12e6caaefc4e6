// The layer rules of docs/architecture.md, checked on every `npm test` (`npm run lint:deps`). Each rule's name is
// what a violation prints beside the offending import; docs/decisions.md (R1–R4) says why the layers are drawn so.
//
// Layers, bottom up: lib/base (calendar, symbols) ← lib/math ← lib/risk ← lib/market-data ← lib/db ← lib/batch ←
// lib/queries ← app/, inngest/, lib/cli. Tests (*.test.ts) and lib/testing may reach any layer of lib/ to set up data.

const TEST = "(\\.test\\.ts$|^lib/testing/)";
const NOT_LIB_SIBLINGS = "^(app|components|inngest)/";

module.exports = {
  forbidden: [
    {
      name: "resolvable",
      severity: "error",
      comment: "An import the rules cannot resolve escapes every rule below.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle hides which module is the lower one; break it by moving the shared part down (R2).",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-upward",
      severity: "error",
      comment: "lib/ never imports app/, components/, inngest/, next/* or React (R1).",
      from: { path: "^lib/" },
      to: { path: [NOT_LIB_SIBLINGS, "^node_modules/(next|react|react-dom)/"] },
    },
    {
      name: "base-only-base",
      severity: "error",
      comment: "lib/base (calendar and symbol rules every layer shares) imports only itself and date libraries (R2).",
      from: { path: "^lib/base/", pathNot: TEST },
      to: { path: "^lib/(?!base/)" },
    },
    {
      name: "math-pure",
      severity: "error",
      comment: "lib/math is pure: only lib/math and ml-matrix; no I/O, no clock, no env, no other layer (R2).",
      from: { path: "^lib/math/", pathNot: [TEST, "^lib/math/fixtures/"] },
      to: {
        pathNot: ["^lib/math/", "^node_modules/ml-matrix/"],
      },
    },
    {
      name: "risk-on-math-only",
      severity: "error",
      comment: "lib/risk holds the domain's computation over lib/math and lib/base only; it reads and writes nothing (R2).",
      from: { path: "^lib/risk/", pathNot: [TEST, "^lib/risk/fixtures/"] },
      to: {
        pathNot: ["^lib/(risk|math|base)/", "^node_modules/(ml-matrix|date-fns|@date-fns/tz)/"],
      },
    },
    {
      name: "market-data-not-upward",
      severity: "error",
      comment: "lib/market-data (price providers) imports only lib/base and lib/math below it (R2).",
      from: { path: "^lib/market-data/", pathNot: TEST },
      to: { path: "^lib/(?!(market-data|base|math)/)" },
    },
    {
      name: "db-rows-only",
      severity: "error",
      comment:
        "lib/db reads and writes rows: it imports lib/base, provider types and constants of lib/market-data, the " +
        "reference tables of lib/risk and type-only contracts, never computation of lib/math or lib/risk (R3).",
      from: { path: "^lib/db/", pathNot: TEST },
      to: {
        path: "^lib/(?!(db|base)/)",
        pathNot: [
          "^lib/market-data/(types|etfs|get-provider)\\.ts$",
          "^lib/risk/(factor-definitions|stress-scenarios|stress-factors)\\.ts$",
        ],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "db-types-not-upward",
      severity: "error",
      comment: "Even type-only, lib/db may name only the phase contract of lib/batch and lib/risk's result types (R3).",
      from: { path: "^lib/db/", pathNot: TEST },
      to: {
        path: "^lib/(batch|queries|cli|auth|cache|http|health|schemas|config)/",
        pathNot: "^lib/batch/phase-types\\.ts$",
      },
    },
    {
      name: "batch-not-upward",
      severity: "error",
      comment: "lib/batch runs phases over lib/db, lib/risk and lib/market-data; it never imports read models or the CLI (R2).",
      from: { path: "^lib/batch/", pathNot: TEST },
      to: { path: "^lib/(queries|cli|http|auth)/" },
    },
    {
      name: "components-props-only",
      severity: "error",
      comment: "components/ render props: no lib/db, lib/queries, lib/batch, lib/cache or Prisma (R1).",
      from: { path: "^components/" },
      to: { path: ["^lib/(db|queries|batch|cache)/", "^node_modules/(@prisma|pg)/"] },
    },
    {
      name: "app-thin",
      severity: "error",
      comment: "app/ parses, calls lib and returns: no SQL, no pool, no Prisma client, no phase internals (R5).",
      from: { path: "^app/", pathNot: TEST },
      to: {
        path: ["^lib/db/(client|generated/)", "^lib/batch/phases/", "^node_modules/(pg|pg-copy-streams|@prisma)/"],
      },
    },
    {
      name: "inngest-thin",
      severity: "error",
      comment: "inngest/ wires events to lib/batch: no SQL, no pool, no Prisma client, no phase internals (R5).",
      from: { path: "^inngest/", pathNot: TEST },
      to: {
        path: ["^lib/(db/(client|generated/)|queries/|market-data/)", "^lib/batch/phases/", "^node_modules/(pg|pg-copy-streams|@prisma)/"],
      },
    },
    {
      name: "prisma-only-in-db",
      severity: "error",
      comment: "Only lib/db touches the generated Prisma client and pg (R3).",
      from: { path: "^(lib/(?!db/|testing/)|app/|components/|inngest/)", pathNot: TEST },
      to: { path: ["^lib/db/generated/", "^node_modules/(@prisma/client|pg|pg-copy-streams)/"] },
    },
    {
      name: "not-to-test-code",
      severity: "error",
      comment: "Product code never imports tests or lib/testing (R6).",
      from: { path: "^(lib|app|components|inngest)/", pathNot: [TEST, "^lib/db/embedded-postgres\\.ts$"] },
      to: { path: TEST },
    },
    {
      name: "not-to-bench",
      severity: "error",
      comment: "Benchmarks live under bench/ and nothing in the product imports them (R6).",
      from: { path: "^(lib|app|components|inngest)/" },
      to: { path: "^bench/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/db/generated/", "^\\.next/", "^node_modules/"] },
    tsPreCompilationDeps: true,
    // The "@/" alias comes from a webpack-style resolve file, not from `tsConfig`: dependency-cruiser's paths plugin
    // defaults baseUrl to "./" and then resolves the bare "inngest" package to our own inngest/ folder.
    webpackConfig: { fileName: ".dependency-cruiser-resolve.cjs" },
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    moduleSystems: ["es6", "cjs"],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
