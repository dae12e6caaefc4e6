// ESLint flat config: Next's rules (core web vitals, React, hooks, import) and typescript-eslint's recommended set.
// The layer rules live in .dependency-cruiser.cjs, not here.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// No React outside app/ and components/ (the dependency rules forbid it): there a `use…` name is a plain function
// (`useTestDatabase`), and the React rules only cost time (the compiler-based ones analyse every function).
const REACT_PLUGINS = ["react", "react-hooks"];
const reactRulesOff = Object.fromEntries(
  nextCoreWebVitals
    .flatMap((config) => Object.entries(config.plugins ?? {}))
    .filter(([name]) => REACT_PLUGINS.includes(name))
    .flatMap(([name, plugin]) => Object.keys(plugin.rules ?? {}).map((rule) => [`${name}/${rule}`, "off"])),
);

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "bench/out/**", ".data/**", ".ci-out/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**", "bench/**", "inngest/**", "e2e/**", "prisma/**", "**/*.test.ts", "*.{ts,mjs,cjs,js}"],
    rules: reactRulesOff,
  },
);
