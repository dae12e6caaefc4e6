import { z } from "./zod";
import { isoDateSchema } from "./iso-date";

export const POSITION_TYPES = ["LONG", "SHORT", "LC", "LP", "SC", "SP"] as const;
export const INVESTMENT_CLASSES = ["PUBLIC", "OPTIONS", "PRIVATE"] as const;


export const positionInputSchema = z.object({
  symbol: z.string().trim().min(1, "symbol is required").max(32, "symbol is too long")
    .regex(/^[A-Za-z0-9._\-^=/]+$/, "symbol may only hold letters, digits and . _ - ^ = /").transform((s) => s.toUpperCase()),
  quantity: z.number({ error: "quantity must be a number" }).finite().refine((q) => q !== 0, "quantity must not be 0"),
  entryPrice: z.number({ error: "entry_price must be a number" }).finite().positive("entry_price must be positive"),
  entryDate: isoDateSchema("entry_date"),
  positionType: z.enum(POSITION_TYPES, { error: `position_type must be one of ${POSITION_TYPES.join(", ")}` }).optional(),
  investmentClass: z.enum(INVESTMENT_CLASSES, { error: `investment_class must be one of ${INVESTMENT_CLASSES.join(", ")}` }).nullable().optional(),
});
export type PositionInput = z.infer<typeof positionInputSchema>;

export const createPortfolioSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(255).refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "name must not contain control characters"),
  startingEquity: z.number({ error: "starting equity must be a number" }).finite().positive("starting equity must be positive"),
  positions: z.array(positionInputSchema).min(1, "add at least one position").max(2000, "at most 2000 positions"),
});
export type CreatePortfolioInput = z.infer<typeof createPortfolioSchema>;

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
