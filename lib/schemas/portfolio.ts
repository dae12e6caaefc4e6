import { z } from "./zod";
import { isoDateSchema } from "./iso-date";
import { derivePrivateSymbol, describePrivateNameProblem, PRIVATE_NAME_MAX_CHARS, privateDisplayName } from "@/lib/risk/private-asset-name";

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


const TICKER_INPUT = /^[A-Za-z0-9._\-^=/]+$/;

const positionFieldsSchema = z.object({
  /** A listed ticker, or for a PRIVATE position its free-text name (the stored symbol is derived from it). */
  symbol: z.string({ error: "symbol is required" }).trim().min(1, "symbol is required"),
  quantity: z.number({ error: "quantity must be a number" }).finite("quantity must be a number")
    .refine((q) => q !== 0, "quantity must not be 0")
    .refine((q) => Math.abs(q) <= PORTFOLIO_BOUNDS.maxAbsQuantity, "quantity must be at most 1,000,000,000 (long or short)"),
  entryPrice: z.number({ error: "entry price must be a number" }).finite("entry price must be a number").positive("entry price must be positive")
    .max(PORTFOLIO_BOUNDS.maxEntryPrice, "entry price must be at most 10,000,000"),
  entryDate: isoDateSchema("entry date"),
  positionType: z.enum(POSITION_TYPES, { error: `position type must be one of ${POSITION_TYPES.join(", ")}` }).optional(),
  investmentClass: z.enum(INVESTMENT_CLASSES, { error: `investment class must be one of ${INVESTMENT_CLASSES.join(", ")}` }).nullable().optional(),
  /** The private asset's name when the symbol was derived from it (kept so a parsed position parses again unchanged). */
  name: z.string().max(PRIVATE_NAME_MAX_CHARS).optional(),
});

/**
 * One position: a listed ticker is upper-cased; a PRIVATE position's symbol is a free-text name (1–100 printable
 * characters) stored under the identifier derived from it, with the name kept for display.
 */
export const positionInputSchema = positionFieldsSchema.transform((position, ctx) => {
  const { name, ...rest } = position;
  if (position.investmentClass === "PRIVATE") {
    const text = name ?? position.symbol;
    const problem = describePrivateNameProblem(text);
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["symbol"], message: problem });
      return z.NEVER;
    }
    const displayName = privateDisplayName(text);
    return { ...rest, symbol: derivePrivateSymbol(text), ...(displayName ? { name: displayName } : {}) };
  }
  if (position.symbol.length > 32) {
    ctx.addIssue({ code: "custom", path: ["symbol"], message: "symbol is too long for a ticker (for a private asset named freely, choose class PRIVATE)" });
    return z.NEVER;
  }
  if (!TICKER_INPUT.test(position.symbol)) {
    ctx.addIssue({
      code: "custom", path: ["symbol"],
      message: "symbol may only hold letters, digits and . _ - ^ = / (for a private asset named freely, choose class PRIVATE)",
    });
    return z.NEVER;
  }
  return { ...rest, symbol: position.symbol.toUpperCase() };
});
export type PositionInput = z.infer<typeof positionInputSchema>;

export const createPortfolioSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(255).refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "name must not contain control characters"),
  startingEquity: z.number({ error: "starting equity must be a number" }).finite("starting equity must be a number")
    .min(PORTFOLIO_BOUNDS.minStartingEquity, "starting equity must be at least 1")
    .max(PORTFOLIO_BOUNDS.maxStartingEquity, "starting equity must be at most 1,000,000,000,000"),
  positions: z.array(positionInputSchema).min(1, "add at least one position").max(PORTFOLIO_BOUNDS.maxPositions, "a portfolio holds at most 2,000 positions"),
});

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

