import type { BarsResult } from "../market-data/types";

/** A provider's bars result, or a thrown error naming the failure: tests read bars without unwrapping by hand. */
export function okBars(result: BarsResult): Extract<BarsResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result;
}
