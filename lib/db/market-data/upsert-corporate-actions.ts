import { getPool } from "../client";

export interface CorporateActionRow {
  symbol: string;
  date: string;
  kind: "split" | "dividend";
  ratio: number | null;
  amount: number | null;
}

/** Records split/dividend events in one statement; a known (symbol, date, kind) keeps its first detection time. */
export async function upsertCorporateActions(actions: readonly CorporateActionRow[]): Promise<number> {
  if (actions.length === 0) return 0;
  const result = await getPool().query(
    `INSERT INTO corporate_actions (symbol, date, kind, ratio, amount)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[])
     ON CONFLICT (symbol, date, kind) DO UPDATE SET ratio = EXCLUDED.ratio, amount = EXCLUDED.amount
     WHERE (corporate_actions.ratio, corporate_actions.amount) IS DISTINCT FROM (EXCLUDED.ratio, EXCLUDED.amount)`,
    [
      actions.map((a) => a.symbol),
      actions.map((a) => a.date),
      actions.map((a) => a.kind),
      actions.map((a) => a.ratio),
      actions.map((a) => a.amount),
    ],
  );
  return result.rowCount ?? 0;
}
