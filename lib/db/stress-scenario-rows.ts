/**
 * Scenario rows outside the nightly: one scenario by its id, a user's personal scenarios (read, create, delete, all
 * scoped to the owner), and the portfolio facts a stress explanation or preview starts from.
 */
import { randomBytes } from "node:crypto";
import type { StressFactor } from "../risk/stress-factors";
import { getPool, getPrisma } from "./client";

export interface ScenarioRow {
  id: string;
  scenarioId: string;
  name: string;
  description: string;
  shocks: Partial<Record<StressFactor, number>>;
  active: boolean;
  /** Null for a standard scenario. */
  ownerId: string | null;
  createdAt: string;
}

/** The columns of a scenario this module reads, as Prisma Client names them. */
const SELECT = { id: true, scenarioId: true, name: true, description: true, shockConfig: true, active: true, ownerUserId: true, createdAt: true } as const;

interface StoredScenario {
  id: string;
  scenarioId: string;
  name: string;
  description: string;
  shockConfig: unknown;
  active: boolean;
  ownerUserId: string | null;
  createdAt: Date;
}

const fromRow = (row: StoredScenario): ScenarioRow => ({
  id: row.id,
  scenarioId: row.scenarioId,
  name: row.name,
  description: row.description,
  shocks: row.shockConfig as Partial<Record<StressFactor, number>>,
  active: row.active,
  ownerId: row.ownerUserId,
  createdAt: row.createdAt.toISOString(),
});

export async function getScenarioByScenarioId(scenarioId: string): Promise<ScenarioRow | null> {
  const row = await getPrisma().stressTestScenario.findUnique({ where: { scenarioId }, select: SELECT });
  return row ? fromRow(row) : null;
}

/** The owner's personal scenarios, newest first. */
export async function listPersonalScenarios(ownerId: string): Promise<ScenarioRow[]> {
  const rows = await getPrisma().stressTestScenario.findMany({
    where: { ownerUserId: ownerId }, select: SELECT, orderBy: [{ createdAt: "desc" }, { scenarioId: "asc" }],
  });
  return rows.map(fromRow);
}

/** How many personal scenarios the owner has, or (with `name`) how many carry that name, ignoring case. */
export async function countPersonalScenarios(ownerId: string, name?: string): Promise<number> {
  if (name === undefined) return getPrisma().stressTestScenario.count({ where: { ownerUserId: ownerId } });
  // A user holds a few dozen scenarios at most; comparing here avoids ILIKE, whose % and _ are wildcards.
  const names = await getPrisma().stressTestScenario.findMany({ where: { ownerUserId: ownerId }, select: { name: true } });
  return names.filter((row) => row.name.toLowerCase() === name.toLowerCase()).length;
}

/** Inserts an active personal scenario with a fresh id (`my_` + 12 hex characters), shown after the owner's others. */
export async function insertPersonalScenario(input: {
  ownerId: string;
  name: string;
  description: string;
  shocks: Partial<Record<StressFactor, number>>;
}): Promise<ScenarioRow> {
  const prisma = getPrisma();
  const owned = await prisma.stressTestScenario.count({ where: { ownerUserId: input.ownerId } });
  const row = await prisma.stressTestScenario.create({
    data: {
      scenarioId: `my_${randomBytes(6).toString("hex")}`, name: input.name, description: input.description,
      groupName: "personal", category: "personal", severity: "custom", shockConfig: input.shocks, active: true,
      displayOrder: 1000 + owned, ownerUserId: input.ownerId,
    },
    select: SELECT,
  });
  return fromRow(row);
}

/** Deletes the owner's scenario (and, by cascade, its results); false when the owner has no such scenario. */
export async function deletePersonalScenario(ownerId: string, scenarioId: string): Promise<boolean> {
  const { count } = await getPrisma().stressTestScenario.deleteMany({ where: { scenarioId, ownerUserId: ownerId } });
  return count > 0;
}

/** A live (not deleted) portfolio's owner and name, or null. */
export async function getPortfolioOwner(portfolioId: string): Promise<{ ownerId: string; name: string } | null> {
  const row = await getPrisma().portfolio.findFirst({ where: { id: portfolioId, deletedAt: null }, select: { userId: true, name: true } });
  return row ? { ownerId: row.userId, name: row.name } : null;
}

/** The latest date with factor exposures for the portfolio (the date its stress is computed on), or null. */
export async function getLatestExposureDate(portfolioId: string): Promise<string | null> {
  const { rows } = await getPool().query<{ date: string | null }>(
    `SELECT max(calculation_date) AS date FROM factor_exposures WHERE portfolio_id = $1`,
    [portfolioId],
  );
  return rows[0]?.date ?? null;
}
