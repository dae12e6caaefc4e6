import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  addCalendarDays,
  isIsoDate,
  isTradingDay,
  lastTradingDayOnOrBefore,
  latestCompletedTradingDay,
  nextTradingDay,
  nyseHolidays,
  previousTradingDay,
  todayInNewYork,
  tradingDaysBack,
  tradingDaysBetween,
  tradingDaysBetweenCount,
} from "./calendar";

/** Published NYSE full-day closures (nyse.com/markets/hours-calendars), written out literally. */
const PUBLISHED_NYSE_HOLIDAYS: Record<number, string[]> = {
  2024: [
    "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27",
    "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25",
  ],
  2025: [
    "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
    "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",
  ],
  2026: [
    "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25",
    "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
  ],
  2027: [
    "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31",
    "2027-06-18", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24",
  ],
};

/** A date generator over 1990-01-01 … ~2100. */
const isoDate = fc.integer({ min: 0, max: 40_000 }).map((k) => addCalendarDays("1990-01-01", k));

describe("nyseHolidays", () => {
  for (const [year, expected] of Object.entries(PUBLISHED_NYSE_HOLIDAYS)) {
    it(`matches the published NYSE list for ${year}`, () => {
      expect(nyseHolidays(Number(year)).map((h) => h.date)).toEqual(expected);
      for (const date of expected) expect(isTradingDay(date)).toBe(false);
    });
  }

  it("names observed and one-off closures", () => {
    const names2026 = Object.fromEntries(nyseHolidays(2026).map((h) => [h.date, h.name]));
    expect(names2026["2026-07-03"]).toBe("Independence Day (observed)");
    expect(names2026["2026-04-03"]).toBe("Good Friday");
    const names2025 = Object.fromEntries(nyseHolidays(2025).map((h) => [h.date, h.name]));
    expect(names2025["2025-01-09"]).toBe("National Day of Mourning (Jimmy Carter)");
    expect(nyseHolidays(2027).find((h) => h.date === "2027-12-24")?.name).toBe("Christmas Day (observed)");
  });

  it("does not observe a Saturday New Year's Day on the Friday before (NYSE Rule 7.2)", () => {
    // 2022-01-01 and 2028-01-01 are Saturdays.
    expect(isTradingDay("2021-12-31")).toBe(true);
    expect(isTradingDay("2027-12-31")).toBe(true);
    expect(nyseHolidays(2022).some((h) => h.date.startsWith("2022-01-0"))).toBe(false);
    expect(nyseHolidays(2021).some((h) => h.date === "2021-12-31")).toBe(false);
    expect(isTradingDay("2022-01-03")).toBe(true);
  });

  it("observes a Sunday New Year's Day on Monday", () => {
    expect(nyseHolidays(2023)[0]).toEqual({ date: "2023-01-02", name: "New Year's Day (observed)" });
    expect(isTradingDay("2023-01-02")).toBe(false);
  });

  it("starts Juneteenth in 2022 and moves a Sunday Juneteenth to Monday", () => {
    expect(isTradingDay("2021-06-18")).toBe(true);
    expect(isTradingDay("2022-06-20")).toBe(false);
    expect(isTradingDay("2033-06-20")).toBe(false); // 2033-06-19 is a Sunday
  });

  it("computes Good Friday from Easter for far years (anonymous Gregorian algorithm)", () => {
    const goodFriday = (year: number) => nyseHolidays(year).find((h) => h.name === "Good Friday")?.date;
    expect(goodFriday(2000)).toBe("2000-04-21");
    expect(goodFriday(2019)).toBe("2019-04-19");
    expect(goodFriday(2038)).toBe("2038-04-23"); // latest Easter of the century: April 25
    expect(goodFriday(2285)).toBe("2285-03-20"); // earliest possible Easter: March 22
  });

  it("includes the explicit one-off closures", () => {
    expect(isTradingDay("2018-12-05")).toBe(false);
    expect(isTradingDay("2012-10-29")).toBe(false);
    expect(isTradingDay("2001-09-11")).toBe(false);
    expect(isTradingDay("2024-12-05")).toBe(true);
  });

  it("keeps every holiday a weekday inside its own year for 1990–2150", () => {
    for (let year = 1990; year <= 2150; year += 1) {
      const holidays = nyseHolidays(year);
      expect(holidays.length).toBeGreaterThanOrEqual(8);
      for (const { date } of holidays) {
        expect(date.startsWith(`${year}-`)).toBe(true);
        const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
        expect(weekday).toBeGreaterThanOrEqual(1);
        expect(weekday).toBeLessThanOrEqual(5);
      }
    }
  });

  it("returns copies that cannot corrupt the cache", () => {
    const first = nyseHolidays(2026);
    first[0].date = "2026-01-02";
    first.pop();
    expect(nyseHolidays(2026).map((h) => h.date)).toEqual(PUBLISHED_NYSE_HOLIDAYS[2026]);
  });

  it("rejects a non-integer or out-of-range year", () => {
    expect(() => nyseHolidays(2026.5)).toThrow("nyseHolidays requires an integer year in 1..9999, got 2026.5");
    expect(() => nyseHolidays(0)).toThrow("nyseHolidays requires an integer year in 1..9999, got 0");
  });
});

describe("isTradingDay and neighbours", () => {
  it("treats weekends as closed", () => {
    expect(isTradingDay("2026-03-07")).toBe(false);
    expect(isTradingDay("2026-03-08")).toBe(false);
    expect(isTradingDay("2026-03-09")).toBe(true);
  });

  it("steps strictly over weekends and holidays", () => {
    expect(previousTradingDay("2026-03-09")).toBe("2026-03-06");
    expect(nextTradingDay("2026-03-06")).toBe("2026-03-09");
    expect(previousTradingDay("2026-04-06")).toBe("2026-04-02"); // Good Friday 04-03
    expect(nextTradingDay("2026-07-02")).toBe("2026-07-06"); // observed Independence Day 07-03
    expect(nextTradingDay("2025-01-08")).toBe("2025-01-10"); // Carter mourning day
    expect(previousTradingDay("2026-01-02")).toBe("2025-12-31");
    expect(previousTradingDay("2001-09-17")).toBe("2001-09-10");
  });

  it("lastTradingDayOnOrBefore keeps a trading day and steps back otherwise", () => {
    expect(lastTradingDayOnOrBefore("2026-03-09")).toBe("2026-03-09");
    expect(lastTradingDayOnOrBefore("2026-03-08")).toBe("2026-03-06");
    expect(lastTradingDayOnOrBefore("2026-12-25")).toBe("2026-12-24");
  });

  it("throws an exact message on a malformed or impossible date", () => {
    expect(() => isTradingDay("2026-02-30")).toThrow('isTradingDay requires an ISO date YYYY-MM-DD, got "2026-02-30"');
    expect(() => previousTradingDay("2026/03/09")).toThrow(
      'previousTradingDay requires an ISO date YYYY-MM-DD, got "2026/03/09"',
    );
    expect(() => nextTradingDay("")).toThrow('nextTradingDay requires an ISO date YYYY-MM-DD, got ""');
  });
});

describe("tradingDaysBetween", () => {
  it("is inclusive at both ends and ascending", () => {
    expect(tradingDaysBetween("2026-07-01", "2026-07-07")).toEqual(["2026-07-01", "2026-07-02", "2026-07-06", "2026-07-07"]);
    expect(tradingDaysBetween("2026-03-09", "2026-03-09")).toEqual(["2026-03-09"]);
    expect(tradingDaysBetween("2026-03-07", "2026-03-08")).toEqual([]);
  });

  it("returns [] when from > to", () => {
    expect(tradingDaysBetween("2026-03-10", "2026-03-09")).toEqual([]);
  });

  it("counts the published number of sessions per year", () => {
    expect(tradingDaysBetween("2023-01-01", "2023-12-31")).toHaveLength(250);
    expect(tradingDaysBetween("2024-01-01", "2024-12-31")).toHaveLength(252);
    expect(tradingDaysBetween("2025-01-01", "2025-12-31")).toHaveLength(250);
  });

  it("is fast over 30 years", () => {
    const started = performance.now();
    const days = tradingDaysBetween("1996-01-01", "2025-12-31");
    expect(performance.now() - started).toBeLessThan(250);
    expect(days.length).toBeGreaterThan(7_500);
  });
});

describe("tradingDaysBetweenCount", () => {
  it("counts trading days in (from, to]", () => {
    expect(tradingDaysBetweenCount("2026-03-06", "2026-03-09")).toBe(1);
    expect(tradingDaysBetweenCount("2026-03-06", "2026-03-06")).toBe(0);
    expect(tradingDaysBetweenCount("2026-03-09", "2026-03-06")).toBe(0);
    expect(tradingDaysBetweenCount("2026-03-07", "2026-03-08")).toBe(0);
    expect(tradingDaysBetweenCount("2025-12-31", "2026-12-31")).toBe(251); // 261 weekdays − 10 holidays
  });
});

describe("tradingDaysBack", () => {
  it("returns `count` trading days ending at the last trading day on or before the date", () => {
    expect(tradingDaysBack("2026-03-08", 3)).toEqual(["2026-03-04", "2026-03-05", "2026-03-06"]);
    expect(tradingDaysBack("2026-03-09", 2)).toEqual(["2026-03-06", "2026-03-09"]);
    expect(tradingDaysBack("2026-03-09", 0)).toEqual([]);
  });

  it("rejects a negative or fractional count", () => {
    expect(() => tradingDaysBack("2026-03-09", -1)).toThrow("tradingDaysBack requires a non-negative integer count, got -1");
    expect(() => tradingDaysBack("2026-03-09", 1.5)).toThrow("tradingDaysBack requires a non-negative integer count, got 1.5");
  });
});

describe("addCalendarDays and isIsoDate", () => {
  it("adds calendar days across month, leap-year and DST boundaries", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addCalendarDays("2026-03-07", 2)).toBe("2026-03-09");
    expect(addCalendarDays("2026-11-01", -1)).toBe("2026-10-31");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addCalendarDays("2026-01-01", 0)).toBe("2026-01-01");
  });

  it("rejects a fractional number of days", () => {
    expect(() => addCalendarDays("2026-01-01", 0.5)).toThrow("addCalendarDays requires an integer number of days, got 0.5");
  });

  it("accepts only strict, real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-12-31")).toBe(true);
    for (const bad of ["2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01", "2026-04-01T00:00:00Z", "", " 2026-04-01", "20260401"]) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });
});

describe("todayInNewYork and latestCompletedTradingDay (America/New_York clock)", () => {
  it("switches at 16:30 ET, not before (EST, January)", () => {
    expect(latestCompletedTradingDay(new Date("2026-01-06T21:29:59Z"))).toBe("2026-01-05"); // 16:29:59 EST
    expect(latestCompletedTradingDay(new Date("2026-01-06T21:30:00Z"))).toBe("2026-01-06"); // 16:30 EST
  });

  it("switches at 16:30 ET, not before (EDT, June)", () => {
    expect(latestCompletedTradingDay(new Date("2026-06-10T20:29:00Z"))).toBe("2026-06-09"); // 16:29 EDT
    expect(latestCompletedTradingDay(new Date("2026-06-10T20:30:00Z"))).toBe("2026-06-10"); // 16:30 EDT
  });

  it("returns the previous trading day on a weekend and on a holiday", () => {
    expect(latestCompletedTradingDay(new Date("2026-03-07T23:00:00Z"))).toBe("2026-03-06"); // Saturday
    expect(latestCompletedTradingDay(new Date("2026-03-08T22:00:00Z"))).toBe("2026-03-06"); // Sunday
    expect(latestCompletedTradingDay(new Date("2026-07-03T22:00:00Z"))).toBe("2026-07-02"); // observed July 4th
    expect(latestCompletedTradingDay(new Date("2025-01-09T22:00:00Z"))).toBe("2025-01-08"); // Carter mourning day
  });

  it("follows the spring-forward transition (2026-03-08)", () => {
    expect(todayInNewYork(new Date("2026-03-08T06:59:00Z"))).toBe("2026-03-08"); // 01:59 EST
    expect(todayInNewYork(new Date("2026-03-08T07:00:00Z"))).toBe("2026-03-08"); // 03:00 EDT
    // First trading day on EDT: 16:30 EDT is 20:30Z (it would be 21:30Z on EST).
    expect(latestCompletedTradingDay(new Date("2026-03-09T20:29:00Z"))).toBe("2026-03-06");
    expect(latestCompletedTradingDay(new Date("2026-03-09T20:30:00Z"))).toBe("2026-03-09");
  });

  it("follows the fall-back transition (2026-11-01)", () => {
    expect(todayInNewYork(new Date("2026-11-01T05:30:00Z"))).toBe("2026-11-01"); // 01:30 EDT
    expect(todayInNewYork(new Date("2026-11-01T06:30:00Z"))).toBe("2026-11-01"); // 01:30 EST (repeated hour)
    // First trading day on EST: 16:30 EST is 21:30Z; 20:30Z is only 15:30.
    expect(latestCompletedTradingDay(new Date("2026-11-02T20:30:00Z"))).toBe("2026-10-30");
    expect(latestCompletedTradingDay(new Date("2026-11-02T21:29:00Z"))).toBe("2026-10-30");
    expect(latestCompletedTradingDay(new Date("2026-11-02T21:30:00Z"))).toBe("2026-11-02");
  });

  it("keeps the New York date after 00:00 UTC (R10)", () => {
    // 00:30Z on the 10th is 20:30 EDT on the 9th: the UTC date would wrongly say 03-10.
    expect(todayInNewYork(new Date("2026-03-10T00:30:00Z"))).toBe("2026-03-09");
    expect(latestCompletedTradingDay(new Date("2026-03-10T00:30:00Z"))).toBe("2026-03-09");
    // 03:00Z on Jan 7 is 22:00 EST on Jan 6; 05:00Z is midnight EST on Jan 7 (before the close).
    expect(latestCompletedTradingDay(new Date("2026-01-07T03:00:00Z"))).toBe("2026-01-06");
    expect(todayInNewYork(new Date("2026-01-07T05:00:00Z"))).toBe("2026-01-07");
    expect(latestCompletedTradingDay(new Date("2026-01-07T05:00:00Z"))).toBe("2026-01-06");
    // Friday evening ET is Saturday in UTC.
    expect(latestCompletedTradingDay(new Date("2026-03-07T01:00:00Z"))).toBe("2026-03-06");
  });

  it("rejects an invalid Date", () => {
    expect(() => todayInNewYork(new Date("nope"))).toThrow("todayInNewYork requires a valid Date");
    expect(() => latestCompletedTradingDay(new Date("nope"))).toThrow("latestCompletedTradingDay requires a valid Date");
  });
});

describe("calendar properties (fast-check)", () => {
  it("tradingDaysBetween is strictly ascending, holds only trading days and matches next-stepping", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 60 }), (from, span) => {
        const to = addCalendarDays(from, span);
        const days = tradingDaysBetween(from, to);
        for (let i = 0; i < days.length; i += 1) {
          expect(isTradingDay(days[i])).toBe(true);
          if (i > 0) {
            expect(days[i - 1] < days[i]).toBe(true);
            expect(nextTradingDay(days[i - 1])).toBe(days[i]);
          }
        }
        expect(days.every((d) => d >= from && d <= to)).toBe(true);
        expect(tradingDaysBetweenCount(from, to)).toBe(tradingDaysBetween(addCalendarDays(from, 1), to).length);
      }),
    );
  });

  it("previousTradingDay and nextTradingDay are inverses on trading days", () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const day = lastTradingDayOnOrBefore(date);
        expect(isTradingDay(day)).toBe(true);
        expect(previousTradingDay(nextTradingDay(day))).toBe(day);
        expect(nextTradingDay(previousTradingDay(day))).toBe(day);
        expect(previousTradingDay(date) < date).toBe(true);
        expect(nextTradingDay(date) > date).toBe(true);
      }),
    );
  });

  it("tradingDaysBack ends at lastTradingDayOnOrBefore and agrees with tradingDaysBetween", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 40 }), (date, count) => {
        const back = tradingDaysBack(date, count);
        expect(back).toHaveLength(count);
        expect(back[count - 1]).toBe(lastTradingDayOnOrBefore(date));
        expect(tradingDaysBetween(back[0], date)).toEqual(back);
      }),
    );
  });
});
