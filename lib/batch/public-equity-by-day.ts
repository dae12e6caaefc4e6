/**
 * isPublicEquityPosition per day for the portfolio phases, remembered across chunks: a pure function of a position's
 * fields and the day, and the chunks of a large universe hold mostly the same symbols, so recomputing it per chunk
 * made the cost per portfolio grow with the number of symbols. A few recent days are kept.
 */
import { createPublicEquityPredicate } from "../base/symbols";

export type PublicEquityPredicate = ReturnType<typeof createPublicEquityPredicate>;

const DAYS_KEPT = 16;
const predicates = new Map<string, PublicEquityPredicate>();

export function publicEquityPredicateOn(day: string): PublicEquityPredicate {
  let predicate = predicates.get(day);
  if (!predicate) {
    predicates.set(day, (predicate = createPublicEquityPredicate(day)));
    while (predicates.size > DAYS_KEPT) predicates.delete(predicates.keys().next().value as string);
  }
  return predicate;
}
