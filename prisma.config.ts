import { defineConfig } from "prisma/config";

// DATABASE_URL is only needed by `prisma migrate deploy` where the schema engine exists; the app applies
// migrations itself (lib/db/migrate.ts) and generation needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/factorwatch" },
});
