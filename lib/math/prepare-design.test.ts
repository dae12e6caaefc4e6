import { describe, expect, it } from "vitest";
import { fitRidge } from "./fit-ridge";
import { assertOlsResponse } from "./prepare-ols-design";
import { assertRidgeResponse } from "./prepare-ridge-design";

describe("the response guards shared by the single and panel fits", () => {
  it("refuse a response whose length differs from the design's, naming the caller and the row", () => {
    expect(() => assertOlsResponse("fitOlsPanel", 4, [1, 2, 3], "row 2")).toThrow("fitOlsPanel requires x and row 2 of equal length, got 4 and 3");
    expect(() => assertOlsResponse("fitOls", 2, [1, 2, 3])).toThrow("fitOls requires x and y of equal length, got 2 and 3");
    expect(() => assertRidgeResponse("fitRidgePanel", 4, [1, 2, 3], "row 0")).toThrow("fitRidgePanel requires row 0 to have length 4, got 3");
    expect(() => assertRidgeResponse("fitRidge", 2, [1, 2, 3])).toThrow("fitRidge requires y to have length 2, got 3");
  });

  it("accept a response of the right length with finite values", () => {
    expect(() => assertOlsResponse("fitOls", 3, [1, 2, 3])).not.toThrow();
    expect(() => assertRidgeResponse("fitRidge", 3, [1, 2, 3])).not.toThrow();
  });
});

describe("writeRidgePanelFits", () => {
  it("gives R² exactly 0 and zero betas when y is exactly constant (SST = 0)", () => {
    const fit = fitRidge([[1, 2, 3, 4, 5], [2, 1, 4, 3, 5]], [7, 7, 7, 7, 7]);
    expect(fit.rSquared).toBe(0);
    expect([...fit.coefficients]).toEqual([0, 0]);
    expect(fit.intercept).toBe(7);
  });
});
