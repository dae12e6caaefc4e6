/**
 * Answers that are pure functions of a day, remembered across the chunks of the portfolio phases: the chunks of a
 * large universe hold mostly the same symbols, so recomputing them per chunk made the cost per portfolio grow with the
 * number of symbols. A few recent days are kept.
 */
import { createPublicEquityPredicate } from "../base/symbols";

export type PublicEquityPredicate = ReturnType<typeof createPublicEquityPredicate>;

const DAYS_KEPT = 16;

/** `create(day)` once per day, for the DAYS_KEPT most recently created days. */
export function rememberPerDay<T>(create: (day: string) => T): (day: string) => T {
  const byDay = new Map<string, T>();
  return (day) => {
    if (byDay.has(day)) return byDay.get(day)!;
    const value = create(day);
    byDay.set(day, value);
    while (byDay.size > DAYS_KEPT) byDay.delete(byDay.keys().next().value as string);
    return value;
  };
}

/** isPublicEquityPosition on a day. */
export const publicEquityPredicateOn: (day: string) => PublicEquityPredicate = rememberPerDay(createPublicEquityPredicate);
