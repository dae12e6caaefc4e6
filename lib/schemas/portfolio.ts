import { z } from "./zod";
import { isoDateSchema } from "./iso-date";

export const POSITION_TYPES = ["LONG", "SHORT", "LC", "LP", "SC", "SP"] as const;
export const INVESTMENT_CLASSES = ["PUBLIC", "OPTIONS", "PRIVATE"] as const;

/**
 * What one user's book may hold, enforced by the API, the CLI and the CSV import alike; the stored columns are wide
 * enough for every value these bounds allow (lib/db/column-limits.ts).
 */
export const PORTFOLIO_BOUNDS = {
  minStartingEquity: 1,
  maxStartingEquity: 1e12,
  maxAbsQuantity: 1e9,
  maxEntryPrice: 1e7,
  maxPositions: 2_000,
  maxPortfoliosPerUser: 200,
} as const;


export const positionInputSchema = z.object({
  symbol: z.string().trim().min(1, "symbol is required").max(32, "symbol is too long")
    .regex(/^[A-Za-z0-9._\-^=/]+$/, "symbol may only hold letters, digits and . _ - ^ = /").transform((s) => s.toUpperCase()),
  quantity: z.number({ error: "quantity must be a number" }).finite("quantity must be a number")
    .refine((q) => q !== 0, "quantity must not be 0")
    .refine((q) => Math.abs(q) <= PORTFOLIO_BOUNDS.maxAbsQuantity, "quantity must be at most 1,000,000,000 (long or short)"),
  entryPrice: z.number({ error: "entry_price must be a number" }).finite("entry_price must be a number").positive("entry_price must be positive")
    .max(PORTFOLIO_BOUNDS.maxEntryPrice, "entry_price must be at most 10,000,000"),
  entryDate: isoDateSchema("entry_date"),
  positionType: z.enum(POSITION_TYPES, { error: `position_type must be one of ${POSITION_TYPES.join(", ")}` }).optional(),
  investmentClass: z.enum(INVESTMENT_CLASSES, { error: `investment_class must be one of ${INVESTMENT_CLASSES.join(", ")}` }).nullable().optional(),
});
export type PositionInput = z.infer<typeof positionInputSchema>;

export const createPortfolioSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(255).refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "name must not contain control characters"),
  startingEquity: z.number({ error: "starting equity must be a number" }).finite("starting equity must be a number")
    .min(PORTFOLIO_BOUNDS.minStartingEquity, "starting equity must be at least 1")
    .max(PORTFOLIO_BOUNDS.maxStartingEquity, "starting equity must be at most 1,000,000,000,000"),
  positions: z.array(positionInputSchema).min(1, "add at least one position").max(PORTFOLIO_BOUNDS.maxPositions, "a portfolio holds at most 2,000 positions"),
});
export type CreatePortfolioInput = z.infer<typeof createPortfolioSchema>;

/**
 * Every problem of a portfolio input, one sentence per bad field ("Position 2 (MSFT): quantity must not be 0."),
 * or [] when valid.
 */
export function describePortfolioInputProblems(input: { positions?: unknown } & Record<string, unknown>): string[] {
  const parsed = createPortfolioSchema.safeParse(input);
  if (parsed.success) return [];
  const positions = Array.isArray(input.positions) ? (input.positions as { symbol?: unknown }[]) : [];
  return parsed.error.issues.map((issue) => {
    const [field, index] = issue.path;
    if (field === "positions" && typeof index === "number") {
      const symbol = typeof positions[index]?.symbol === "string" && positions[index].symbol ? ` (${String(positions[index].symbol).trim()})` : "";
      return `Position ${index + 1}${symbol}: ${issue.message}.`;
    }
    return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
  });
}

export const portfolioIdSchema = z.string().uuid();

export interface CsvRowError {
  line: number;
  message: string;
}

function parseNumber(raw: string | undefined): number {
  const cleaned = (raw ?? "").trim().replace(/[$,\s]/g, "");
  return cleaned === "" ? Number.NaN : Number(cleaned);
}

/**
 * Parses `symbol,quantity,entry_price,entry_date[,position_type][,investment_class]` lines (a header row and blank
 * lines are skipped). Every bad line yields its own error with its 1-based line number; good lines are returned.
 */
export function parsePositionsCsv(text: string): { positions: PositionInput[]; errors: CsvRowError[] } {
  const positions: PositionInput[] = [];
  const errors: CsvRowError[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    if (rawLine.trim() === "" || rawLine.trim().startsWith("#")) return;
    const cells = rawLine.split(",").map((cell) => cell.trim());
    if (index === 0 && cells[0]?.toLowerCase() === "symbol") return;
    if (cells.length < 4 || cells.length > 6) {
      errors.push({ line, message: `expected 4 to 6 columns (symbol,quantity,entry_price,entry_date[,position_type][,investment_class]), got ${cells.length}` });
      return;
    }
    const parsed = positionInputSchema.safeParse({
      symbol: cells[0], quantity: parseNumber(cells[1]), entryPrice: parseNumber(cells[2]), entryDate: cells[3],
      positionType: cells[4] ? cells[4].toUpperCase() : undefined,
      investmentClass: cells[5] ? cells[5].toUpperCase() : undefined,
    });
    if (parsed.success) positions.push(parsed.data);
    else errors.push({ line, message: parsed.error.issues.map((issue) => issue.message).join("; ") });
  });
  return { positions, errors };
}
