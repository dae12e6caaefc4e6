/**
 * The positions CSV of the onboarding form and `portfolio import`:
 * `symbol,quantity,entry_price,entry_date[,position_type][,investment_class]`, RFC 4180 quoting (a quoted cell may
 * hold commas, quotes written twice and line breaks), an optional header row, blank and `#` rows skipped.
 */
import Papa from "papaparse";
import { positionInputSchema, type PositionInput } from "./portfolio";

export interface CsvRowError {
  /** 1-based row of the file (the header is row 1 when there is one). */
  row: number;
  /** The bad field in words ("entry price"), or null when the row as a whole is wrong. */
  field: PositionFieldLabel | null;
  message: string;
}

export const POSITION_FIELD_LABELS = {
  symbol: "symbol", quantity: "quantity", entryPrice: "entry price", entryDate: "entry date",
  positionType: "position type", investmentClass: "investment class",
} as const;
export type PositionField = keyof typeof POSITION_FIELD_LABELS;
export type PositionFieldLabel = (typeof POSITION_FIELD_LABELS)[PositionField];

const COLUMNS = "symbol,quantity,entry_price,entry_date[,position_type][,investment_class]";

function parseNumber(raw: string | undefined): number {
  const cleaned = (raw ?? "").trim().replace(/[$,\s]/g, "");
  return cleaned === "" ? Number.NaN : Number(cleaned);
}

/** The field a zod issue path names, in words. */
export function positionFieldLabel(key: unknown): PositionFieldLabel | null {
  return typeof key === "string" && key in POSITION_FIELD_LABELS ? POSITION_FIELD_LABELS[key as PositionField] : null;
}

/** A data row with the right number of columns: its trimmed cells, and its position when every field is valid. */
export interface CsvEntry { row: number; cells: string[]; position: PositionInput | null }

/**
 * Every good row as a position; every bad row as its own errors (row number, field in words, sentence). `entries`
 * keeps every row of the right shape in file order, so a form can show a bad row's fields for fixing.
 */
export function parsePositionsCsv(text: string): { positions: PositionInput[]; errors: CsvRowError[]; entries: CsvEntry[] } {
  const positions: PositionInput[] = [];
  const errors: CsvRowError[] = [];
  const entries: CsvEntry[] = [];
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false, delimiter: "," });
  const broken = new Map<number, string>();
  for (const error of parsed.errors) {
    if (typeof error.row === "number" && error.code !== "UndetectableDelimiter") broken.set(error.row, error.message);
  }
  let seenData = false;
  parsed.data.forEach((rawCells, index) => {
    const row = index + 1;
    const cells = rawCells.map((cell) => cell.trim());
    if (cells.every((cell) => cell === "") || cells[0].startsWith("#")) return;
    if (!seenData && cells[0].toLowerCase() === "symbol") { seenData = true; return; }
    seenData = true;
    if (broken.has(index)) {
      errors.push({ row, field: null, message: `the row is not valid CSV (${broken.get(index)!.toLowerCase()}); quote a cell that holds commas or quotes` });
      return;
    }
    if (cells.length < 4 || cells.length > 6) {
      errors.push({ row, field: null, message: `expected 4 to 6 columns (${COLUMNS}), got ${cells.length}; quote a name that holds commas` });
      return;
    }
    const result = positionInputSchema.safeParse({
      symbol: cells[0], quantity: parseNumber(cells[1]), entryPrice: parseNumber(cells[2]), entryDate: cells[3],
      positionType: cells[4] ? cells[4].toUpperCase() : undefined,
      investmentClass: cells[5] ? cells[5].toUpperCase() : undefined,
    });
    entries.push({ row, cells, position: result.success ? result.data : null });
    if (result.success) positions.push(result.data);
    else for (const issue of result.error.issues) errors.push({ row, field: positionFieldLabel(issue.path[0]), message: issue.message });
  });
  return { positions, errors, entries };
}
