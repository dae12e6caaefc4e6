import { describe, expect, it } from "vitest";
import { formatBeta, formatDateTime, formatNumber, formatTimeOfDay, formatUsd } from "./format";

describe("number formats (one shared formatter per style and digits)", () => {
  it("formats dollars with the digits asked for, whatever was formatted before", () => {
    expect(formatUsd(4_963_833.4)).toBe("$4,963,833");
    expect(formatUsd(-124_336)).toBe("-$124,336");
    expect(formatUsd(1234.5, 2)).toBe("$1,234.50");
    expect(formatUsd(4_963_833.4)).toBe("$4,963,833");
  });

  it("never prints a negative zero, and a missing value as a dash", () => {
    expect(formatUsd(-0.2)).toBe("$0");
    expect(formatNumber(-0.004)).toBe("0.00");
    expect(formatBeta(-0.554)).toBe("-0.55");
    expect(formatNumber(1234.5678, 3)).toBe("1,234.568");
    expect(formatUsd(Number.NaN)).toBe("—");
    expect(formatNumber(null)).toBe("—");
  });
});

describe("timestamps in New York time", () => {
  it("shows the date and time on the market's clock, standard and daylight time alike", () => {
    expect(formatDateTime("2026-12-03T02:05:09.000Z")).toBe("2026-12-02 21:05:09 ET");
    expect(formatDateTime("2026-07-01T13:00:00.000Z")).toBe("2026-07-01 09:00:00 ET");
    expect(formatTimeOfDay(new Date("2026-12-03T02:05:09.000Z"))).toBe("21:05:09");
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("not a date")).toBe("—");
  });
});
