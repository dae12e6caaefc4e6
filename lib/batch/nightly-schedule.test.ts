import { afterEach, describe, expect, it, vi } from "vitest";
import { NIGHTLY_CRON, nextNightlyAt, scheduleNightly } from "./nightly-schedule";

describe("nextNightlyAt (R20: 21:00 America/New_York, weekdays)", () => {
  it.each([
    ["a Tuesday afternoon runs the same evening (EST, UTC−5)", "2026-11-24T19:00:00Z", "2026-11-25T02:00:00.000Z"],
    ["exactly at 21:00 ET the next one is tomorrow", "2026-11-25T02:00:00Z", "2026-11-26T02:00:00.000Z"],
    ["a Friday night waits for Monday", "2026-11-28T03:00:00Z", "2026-12-01T02:00:00.000Z"],
    ["a Saturday waits for Monday", "2026-11-28T15:00:00Z", "2026-12-01T02:00:00.000Z"],
    ["summer time (EDT, UTC−4)", "2026-07-01T12:00:00Z", "2026-07-02T01:00:00.000Z"],
    ["across the spring DST switch: Friday EST → Monday EDT", "2026-03-07T03:00:00Z", "2026-03-10T01:00:00.000Z"],
    ["across the autumn DST switch: Friday EDT → Monday EST", "2026-10-31T02:00:00Z", "2026-11-03T02:00:00.000Z"],
    ["just after 00:00 UTC it is still the previous day in New York", "2026-11-25T00:30:00Z", "2026-11-25T02:00:00.000Z"],
  ])("%s", (_label, now, expected) => {
    expect(nextNightlyAt(new Date(now)).toISOString()).toBe(expected);
  });

  it("is the cron Inngest uses", () => {
    expect(NIGHTLY_CRON).toBe("TZ=America/New_York 0 21 * * 1-5");
  });
});

describe("scheduleNightly", () => {
  afterEach(() => vi.useRealTimers());

  it("reports a night that fails (never swallows it) and still arms the next night", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-24T19:00:00Z") });
    const errors: unknown[] = [];
    let nights = 0;
    const stop = scheduleNightly(async () => {
      nights += 1;
      throw new Error("provider down");
    }, () => new Date(), (error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(7 * 3_600_000 + 1_000); // past 21:00 ET on Tuesday
    expect(nights).toBe(1);
    expect(errors).toEqual([new Error("provider down")]);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000); // Wednesday night
    expect(nights).toBe(2);
    expect(errors).toHaveLength(2);
    stop();
  });
});
