/**
 * The one NYSE trading calendar (R10): weekends plus NYSE holidays with observed-date rules,
 * computed for any year. Business dates are ISO 'YYYY-MM-DD' strings on the America/New_York clock.
 *
 * Internally a date is a "day number" (days since 1970-01-01, UTC arithmetic), so no time zone ever shifts a date.
 * Only `todayInNewYork` and `latestCompletedTradingDay` read a clock instant, through @date-fns/tz.
 */
import { tz } from "@date-fns/tz";
import { format } from "date-fns";

export interface NyseHoliday {
  date: string;
  name: string;
}

const NEW_YORK = tz("America/New_York");
const MS_PER_DAY = 86_400_000;
/** ET minutes after midnight from which today's close counts as completed (R10: 16:30). */
const COMPLETED_AFTER_MINUTES_ET = 16 * 60 + 30;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Unscheduled full-day closures, not derivable from rules. Sorted; extend when the NYSE announces one. */
const ONE_OFF_CLOSURES: readonly NyseHoliday[] = [
  { date: "1994-04-27", name: "National Day of Mourning (Richard Nixon)" },
  { date: "2001-09-11", name: "September 11 attacks" },
  { date: "2001-09-12", name: "September 11 attacks" },
  { date: "2001-09-13", name: "September 11 attacks" },
  { date: "2001-09-14", name: "September 11 attacks" },
  { date: "2004-06-11", name: "National Day of Mourning (Ronald Reagan)" },
  { date: "2007-01-02", name: "National Day of Mourning (Gerald Ford)" },
  { date: "2012-10-29", name: "Hurricane Sandy" },
  { date: "2012-10-30", name: "Hurricane Sandy" },
  { date: "2018-12-05", name: "National Day of Mourning (George H. W. Bush)" },
  { date: "2025-01-09", name: "National Day of Mourning (Jimmy Carter)" },
];

// ---------- day-number helpers ----------

function toDayNumber(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years < 100 literal, unlike Date.UTC
  return Math.round(d.getTime() / MS_PER_DAY);
}

function fromDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, "0");
  const m = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

function parseDayNumber(value: string): number | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const dayNumber = toDayNumber(year, month, day);
  return fromDayNumber(dayNumber) === value ? dayNumber : null;
}

function dayNumberOrThrow(fn: string, value: string): number {
  const dayNumber = typeof value === "string" ? parseDayNumber(value) : null;
  if (dayNumber === null) throw new Error(`${fn} requires an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return dayNumber;
}

// ---------- holiday rules ----------

function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = toDayNumber(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

function lastWeekday(year: number, month: number, weekday: number): number {
  const last = toDayNumber(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toDayNumber(year, month, day);
}

/** A fixed-date holiday: Saturday → Friday, Sunday → Monday. */
function observedFixed(year: number, month: number, day: number, name: string): NyseHoliday {
  const actual = toDayNumber(year, month, day);
  const weekday = weekdayOf(actual);
  if (weekday === 6) return { date: fromDayNumber(actual - 1), name: `${name} (observed)` };
  if (weekday === 0) return { date: fromDayNumber(actual + 1), name: `${name} (observed)` };
  return { date: fromDayNumber(actual), name };
}

function ruleHolidays(year: number): NyseHoliday[] {
  const at = (dayNumber: number, name: string): NyseHoliday => ({ date: fromDayNumber(dayNumber), name });
  const holidays: NyseHoliday[] = [];
  // New Year's Day: Sunday → Monday; Saturday is NOT moved to Friday Dec 31 (NYSE Rule 7.2).
  const newYear = toDayNumber(year, 1, 1);
  if (weekdayOf(newYear) === 0) holidays.push(at(newYear + 1, "New Year's Day (observed)"));
  else if (weekdayOf(newYear) !== 6) holidays.push(at(newYear, "New Year's Day"));
  if (year >= 1998) holidays.push(at(nthWeekday(year, 1, 1, 3), "Martin Luther King Jr. Day"));
  holidays.push(at(nthWeekday(year, 2, 1, 3), "Washington's Birthday"));
  holidays.push(at(easterSunday(year) - 2, "Good Friday"));
  holidays.push(at(lastWeekday(year, 5, 1), "Memorial Day"));
  if (year >= 2022) holidays.push(observedFixed(year, 6, 19, "Juneteenth National Independence Day"));
  holidays.push(observedFixed(year, 7, 4, "Independence Day"));
  holidays.push(at(nthWeekday(year, 9, 1, 1), "Labor Day"));
  holidays.push(at(nthWeekday(year, 11, 4, 4), "Thanksgiving Day"));
  holidays.push(observedFixed(year, 12, 25, "Christmas Day"));
  return holidays;
}

const holidayCache = new Map<number, { list: readonly NyseHoliday[]; days: ReadonlySet<number> }>();

function holidaysOfYear(year: number): { list: readonly NyseHoliday[]; days: ReadonlySet<number> } {
  let entry = holidayCache.get(year);
  if (!entry) {
    const oneOffs = ONE_OFF_CLOSURES.filter((h) => h.date.startsWith(`${String(year).padStart(4, "0")}-`));
    const list = [...ruleHolidays(year), ...oneOffs].sort((a, b) => a.date.localeCompare(b.date));
    entry = { list, days: new Set(list.map((h) => dayNumberOrThrow("nyseHolidays", h.date))) };
    holidayCache.set(year, entry);
  }
  return entry;
}

function isTradingDayNumber(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOfYear(yearOf(dayNumber)).days.has(dayNumber);
}

function previousTradingDayNumber(dayNumber: number): number {
  let d = dayNumber - 1;
  while (!isTradingDayNumber(d)) d -= 1;
  return d;
}

// ---------- public API ----------

/** NYSE full-day closures of `year` (observed dates, weekdays only), ascending. */
export function nyseHolidays(year: number): NyseHoliday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new Error(`nyseHolidays requires an integer year in 1..9999, got ${year}`);
  }
  return holidaysOfYear(year).list.map((h) => ({ ...h }));
}

/** True for a strict, real calendar date 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  return typeof value === "string" && parseDayNumber(value) !== null;
}

export function isTradingDay(date: string): boolean {
  return isTradingDayNumber(dayNumberOrThrow("isTradingDay", date));
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(date: string): string {
  return fromDayNumber(previousTradingDayNumber(dayNumberOrThrow("previousTradingDay", date)));
}

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: string): string {
  let d = dayNumberOrThrow("nextTradingDay", date) + 1;
  while (!isTradingDayNumber(d)) d += 1;
  return fromDayNumber(d);
}

export function lastTradingDayOnOrBefore(date: string): string {
  const d = dayNumberOrThrow("lastTradingDayOnOrBefore", date);
  return fromDayNumber(isTradingDayNumber(d) ? d : previousTradingDayNumber(d));
}

/** Trading days in [from, to], ascending; [] when from > to. */
export function tradingDaysBetween(from: string, to: string): string[] {
  const start = dayNumberOrThrow("tradingDaysBetween", from);
  const end = dayNumberOrThrow("tradingDaysBetween", to);
  const days: string[] = [];
  for (let d = start; d <= end; d += 1) if (isTradingDayNumber(d)) days.push(fromDayNumber(d));
  return days;
}

/** Number of trading days in (from, to] — how many sessions `from` lags behind `to`; 0 when from ≥ to. */
export function tradingDaysBetweenCount(from: string, to: string): number {
  const start = dayNumberOrThrow("tradingDaysBetweenCount", from);
  const end = dayNumberOrThrow("tradingDaysBetweenCount", to);
  let count = 0;
  for (let d = start + 1; d <= end; d += 1) if (isTradingDayNumber(d)) count += 1;
  return count;
}

/** The `count` trading days ending at lastTradingDayOnOrBefore(date), ascending. */
export function tradingDaysBack(date: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`tradingDaysBack requires a non-negative integer count, got ${count}`);
  }
  const days: number[] = [];
  let d = dayNumberOrThrow("tradingDaysBack", date);
  if (count > 0 && !isTradingDayNumber(d)) d = previousTradingDayNumber(d);
  for (let i = 0; i < count; i += 1) {
    days.push(d);
    d = previousTradingDayNumber(d);
  }
  return days.reverse().map(fromDayNumber);
}

/** `date` plus `days` calendar days (negative allowed). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new Error(`addCalendarDays requires an integer number of days, got ${days}`);
  return fromDayNumber(dayNumberOrThrow("addCalendarDays", date) + days);
}

/** The calendar date in America/New_York at instant `now` (never the UTC date; R10). */
export function todayInNewYork(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error("todayInNewYork requires a valid Date");
  return format(now, "yyyy-MM-dd", { in: NEW_YORK });
}

/** R10: today (ET) if it is a trading day and ET time ≥ 16:30, else the previous trading day. */
export function latestCompletedTradingDay(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new Error("latestCompletedTradingDay requires a valid Date");
  }
  const today = todayInNewYork(now);
  const minutesEt = Number(format(now, "H", { in: NEW_YORK })) * 60 + Number(format(now, "m", { in: NEW_YORK }));
  return isTradingDay(today) && minutesEt >= COMPLETED_AFTER_MINUTES_ET ? today : previousTradingDay(today);
}
