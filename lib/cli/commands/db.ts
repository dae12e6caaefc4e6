import type { Command } from "commander";
import { closeDatabase } from "../../db/client";
import { seedDemoPortfolios } from "../../db/seed-demo";
import { seedReferenceData } from "../../db/seed-reference-data";
import { latestCompletedTradingDay } from "../../base/calendar";
import { seedDefaultUsers } from "../../auth/accounts";
import { withCliErrors } from "../cli-error";
import { openDatabase } from "../open-database";

export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("database maintenance");
  const log = (line: string) => process.stdout.write(`${line}\n`);

  db.command("migrate")
    .description("apply pending migrations (prisma/migrations) and record them in _prisma_migrations")
    .action(withCliErrors(async () => {
      const database = await openDatabase(log, { migrate: false });
      try {
        const { migrateDatabase } = await import("../../db/migrate");
        const result = await migrateDatabase(database.url);
        log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
      } finally {
        await database.stop();
      }
    }));

  db.command("seed")
    .description("seed factor definitions, stress scenarios and the default logins (idempotent); --demo adds the demo book")
    .option("--demo", "also create the demo user's portfolios, as `start` does on a new database")
    .action(withCliErrors(async (options: { demo?: boolean }) => {
      const database = await openDatabase(log);
      try {
        const seeded = await seedReferenceData(database.url);
        log(`seeded ${seeded.factorDefinitions} factor definitions and ${seeded.stressScenarios} stress scenarios`);
        for (const login of await seedDefaultUsers()) {
          log(login.created ? `created ${login.role} login: ${login.email} / ${login.password}` : `${login.role} login exists: ${login.email}`);
        }
        if (options.demo) {
          const demo = await seedDemoPortfolios(process.env.FACTORWATCH_DEMO_EMAIL ?? "demo@factorwatch.local", latestCompletedTradingDay(new Date()));
          log(demo.created > 0 ? `created ${demo.created} demo portfolios (inception ${demo.inceptionDate})` : "the demo user already has portfolios");
        }
      } finally {
        await closeDatabase();
        await database.stop();
      }
    }));
}
