import { describe, expect, it } from "vitest";
import { prepareResponsePanel } from "./prepare-response-panel";

describe("prepareResponsePanel", () => {
  it("centres each row and gives its mean and sum of squared deviations", () => {
    const values = Float64Array.from([1, 2, 3, 10, 10, 10]);
    const panel = prepareResponsePanel(values, 3);
    expect(panel.rows).toBe(2);
    expect(Array.from(panel.means)).toEqual([2, 10]);
    expect(Array.from(panel.centered)).toEqual([-1, 0, 1, 0, 0, 0]);
    expect(Array.from(panel.ssts)).toEqual([2, 0]);
    expect(Array.from(values)).toEqual([1, 2, 3, 10, 10, 10]);
  });

  it("centres in place when given the values as the output", () => {
    const values = Float64Array.from([4, 6]);
    const panel = prepareResponsePanel(values, 2, values);
    expect(panel.centered).toBe(values);
    expect(Array.from(values)).toEqual([-1, 1]);
  });

  it("accepts an empty panel", () => {
    expect(prepareResponsePanel(new Float64Array(0), 3).rows).toBe(0);
    expect(prepareResponsePanel(new Float64Array(0), 0).rows).toBe(0);
  });
});
