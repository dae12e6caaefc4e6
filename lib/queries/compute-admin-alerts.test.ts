import { describe, expect, it } from "vitest";
import {
  checkNightlyDeadline, detectSlowPhases, freshnessLevel, lagInTradingDays, median, nightlyDateDue, nightlyDeadline,
  type PhaseDurationSample,
} from "./compute-admin-alerts";

describe("freshness", () => {
  it("maps trading-day lag to ok / warning / critical", () => {
    expect(freshnessLevel(0)).toBe("ok");
    expect(freshnessLevel(1)).toBe("warning");
    expect(freshnessLevel(2)).toBe("critical");
    expect(freshnessLevel(null)).toBe("critical");
  });
  it("counts trading days, not calendar days (Friday → Monday is 1)", () => {
    expect(lagInTradingDays("2026-11-20", "2026-11-23")).toBe(1);
    expect(lagInTradingDays("2026-11-23", "2026-11-23")).toBe(0);
    // Thanksgiving 2026-11-26 is a holiday: Wed → Fri is one session.
    expect(lagInTradingDays("2026-11-25", "2026-11-27")).toBe(1);
    expect(lagInTradingDays(null, "2026-11-27")).toBeNull();
  });
});

describe("nightly deadline", () => {
  it("is 06:00 New York on the next calendar day (EST = UTC−5)", () => {
    expect(nightlyDeadline("2026-11-23").toISOString()).toBe("2026-11-24T11:00:00.000Z");
    expect(nightlyDeadline("2026-07-06").toISOString()).toBe("2026-07-07T10:00:00.000Z");
  });
  it("picks the latest trading day whose deadline has passed", () => {
    // Tuesday 03:00 ET: Monday's deadline (Tue 06:00) has not passed → Friday.
    expect(nightlyDateDue(new Date("2026-11-24T08:00:00Z"))).toBe("2026-11-20");
    // Tuesday 10:00 ET → Monday.
    expect(nightlyDateDue(new Date("2026-11-24T15:00:00Z"))).toBe("2026-11-23");
  });
  it("alerts critical when nothing finished, warning when late, nothing when on time", () => {
    expect(checkNightlyDeadline("2026-11-23", null)?.severity).toBe("critical");
    expect(checkNightlyDeadline("2026-11-23", new Date("2026-11-24T12:00:00Z"))).toMatchObject({
      severity: "warning",
      message: "The nightly for 2026-11-23 did not finish by 06:00 ET; it finished at 2026-11-24 07:00 ET.",
    });
    expect(checkNightlyDeadline("2026-11-23", new Date("2026-11-24T03:00:00Z"))).toBeNull();
  });
});

describe("slow phases", () => {
  const samples = (phaseKey: string, durations: number[]): PhaseDurationSample[] =>
    durations.map((durationMs, i) => ({ phaseKey, calcDate: `2026-11-${String(20 - i).padStart(2, "0")}`, runId: `r${i}`, durationMs }));
  it("median of odd and even lists", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("flags a phase slower than 2× the median of its previous runs", () => {
    const alerts = detectSlowPhases(new Map([["phase_3_factors", samples("phase_3_factors", [9000, 3000, 4000, 3500, 100000])]]));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].runId).toBe("r0");
    expect(alerts[0].message).toContain("median 3.8s");
  });
  it("does not flag exactly 2×, too little history, or sub-second noise", () => {
    expect(detectSlowPhases(new Map([["p", samples("p", [8000, 4000, 4000, 4000])]]))).toHaveLength(0);
    expect(detectSlowPhases(new Map([["p", samples("p", [90000, 1000, 1000])]]))).toHaveLength(0);
    expect(detectSlowPhases(new Map([["p", samples("p", [30, 5, 5, 5])]]))).toHaveLength(0);
  });
  it("uses only the last 20 earlier runs", () => {
    const durations = [5000, ...Array(20).fill(2000), ...Array(30).fill(100_000)];
    expect(detectSlowPhases(new Map([["p", samples("p", durations)]]))).toHaveLength(1);
  });
});

describe("nightly deadline on a fresh install", () => {
  it("is not due when the installation came after the nightly's 21:00 ET start, and due when it came before", () => {
    // The nightly of Monday 2026-11-23 starts at 21:00 ET (02:00 UTC Tuesday).
    expect(checkNightlyDeadline("2026-11-23", null, new Date("2026-11-24T09:00:00Z"))).toBeNull();
    expect(checkNightlyDeadline("2026-11-23", null, new Date("2026-11-24T01:59:00Z"))?.severity).toBe("critical");
    expect(checkNightlyDeadline("2026-11-23", null, null)?.severity).toBe("critical");
  });
});
