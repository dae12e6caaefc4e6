/**
 * Pure core of `factorwatch factors`: a long price CSV in, the factor document (or the CSV's line errors) out.
 */
import { isIsoDate } from "../base/calendar";
import { computeSymbolFactors, type SymbolFactorExposure } from "./symbol-factors/compute-symbol-factors";
import { FACTOR_DEFINITIONS, PROVIDER_BETA_FACTOR, REGRESSOR_ETFS } from "./factor-definitions";
import type { PricePanel } from "./symbol-factors/factor-window";

export const PRICE_CSV_HEADER = "symbol,date,close,adj_close";

/** Every ETF used as a regressor by some family: inputs of the command, never output symbols. */
const REGRESSOR_ETF_SET: ReadonlySet<string> = new Set(REGRESSOR_ETFS);
export { REGRESSOR_ETFS };

export interface CsvLineError {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  message: string;
}

export interface FactorSummary {
  beta: number;
  rSquared: number;
  n: number;
  capped: boolean;
  standardError?: number;
  tStat?: number;
  pValue?: number;
}

export interface FactorsDocument {
  calcDate: string;
  symbols: Record<string, Record<string, FactorSummary>>;
  failures: Record<string, Record<string, string>>;
}

export type ParsedPriceCsv = { ok: true; panel: PricePanel; symbols: string[] } | { ok: false; errors: CsvLineError[] };
export type FactorsFromCsvResult = { ok: true; document: FactorsDocument } | { ok: false; errors: CsvLineError[] };

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parsePrice(raw: string, column: string, line: number, errors: CsvLineError[]): number | null {
  const value = NUMBER_PATTERN.test(raw) ? Number(raw) : Number.NaN;
  if (value > 0 && Number.isFinite(value)) return value;
  errors.push({ line, message: `${column} must be a positive number, got "${raw}"` });
  return null;
}

interface PriceRow {
  symbol: string;
  date: string;
  price: number;
}

function parseRow(text: string, line: number, errors: CsvLineError[]): PriceRow | null {
  const cells = text.split(",").map((cell) => cell.trim());
  if (cells.length !== 4) {
    errors.push({ line, message: `expected 4 columns (${PRICE_CSV_HEADER}), got ${cells.length}` });
    return null;
  }
  const [rawSymbol, date, rawClose, rawAdjClose] = cells;
  const symbol = rawSymbol.toUpperCase();
  const errorCount = errors.length;
  if (symbol === "") errors.push({ line, message: "symbol is empty" });
  if (!isIsoDate(date)) errors.push({ line, message: `date must be a real date written YYYY-MM-DD, got "${date}"` });
  const close = parsePrice(rawClose, "close", line, errors);
  const adjClose = rawAdjClose === "" ? close : parsePrice(rawAdjClose, "adj_close", line, errors);
  if (errors.length > errorCount || adjClose === null) return null;
  return { symbol, date, price: adjClose };
}

function buildPanel(rows: PriceRow[]): PricePanel {
  const dates = [...new Set(rows.map((row) => row.date))].sort();
  const dateIndex = new Map(dates.map((date, index) => [date, index]));
  const prices = new Map<string, Float64Array>();
  for (const row of rows) {
    let series = prices.get(row.symbol);
    if (!series) prices.set(row.symbol, (series = new Float64Array(dates.length).fill(Number.NaN)));
    series[dateIndex.get(row.date)!] = row.price;
  }
  return { dates, prices };
}

/** Parse a long CSV `symbol,date,close,adj_close` (adj_close may be empty → close) into a price panel. */
export function parsePriceCsv(text: string): ParsedPriceCsv {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0].split(",").map((cell) => cell.trim().toLowerCase()).join(",");
  if (header !== PRICE_CSV_HEADER) {
    return { ok: false, errors: [{ line: 1, message: `expected the header "${PRICE_CSV_HEADER}", got "${lines[0]}"` }] };
  }
  const errors: CsvLineError[] = [];
  const rows: PriceRow[] = [];
  const firstLineOf = new Map<string, number>();
  lines.slice(1).forEach((text, offset) => {
    const line = offset + 2;
    if (text.trim() === "") return;
    const row = parseRow(text, line, errors);
    if (!row) return;
    const key = `${row.symbol}|${row.date}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) errors.push({ line, message: `duplicate row for ${row.symbol} on ${row.date} (first on line ${first})` });
    else {
      firstLineOf.set(key, line);
      rows.push(row);
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const panel = buildPanel(rows);
  return { ok: true, panel, symbols: [...panel.prices.keys()].sort() };
}

function summarize(exposure: SymbolFactorExposure): FactorSummary {
  const summary: FactorSummary = { beta: exposure.beta, rSquared: exposure.rSquared, n: exposure.n, capped: exposure.capped };
  if (exposure.standardError !== undefined) {
    summary.standardError = exposure.standardError;
    summary.tStat = exposure.tStat;
    summary.pValue = exposure.pValue;
  }
  return summary;
}

const DOCUMENT_FACTORS = [...FACTOR_DEFINITIONS]
  .filter((factor) => factor.name !== PROVIDER_BETA_FACTOR)
  .sort((a, b) => a.displayOrder - b.displayOrder)
  .map((factor) => factor.name);

/**
 * The `factorwatch factors` document for a CSV and a calc date (YYYY-MM-DD, validated by the caller): every
 * non-ETF symbol of the CSV in `symbols` (alphabetical, factors in display order), failures per symbol.
 */
export function computeFactorsFromCsv(text: string, calcDate: string): FactorsFromCsvResult {
  const parsed = parsePriceCsv(text);
  if (!parsed.ok) return parsed;
  const symbols = parsed.symbols.filter((symbol) => !REGRESSOR_ETF_SET.has(symbol));
  const result = computeSymbolFactors({ panel: parsed.panel, calcDate, symbols });
  const document: FactorsDocument = { calcDate, symbols: {}, failures: result.failures };
  for (const symbol of symbols) {
    const exposures = result.exposures[symbol];
    const entry: Record<string, FactorSummary> = {};
    for (const name of DOCUMENT_FACTORS) if (exposures[name]) entry[name] = summarize(exposures[name]);
    document.symbols[symbol] = entry;
  }
  return { ok: true, document };
}
