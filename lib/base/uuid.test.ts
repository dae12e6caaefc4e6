import { describe, expect, it } from "vitest";
import { isUuid } from "./uuid";

describe("isUuid", () => {
  it("takes the shape of a row id, in either case, and nothing else", () => {
    expect(isUuid("0b7c5c1e-4f7e-4d3a-9a51-6a2f1f9e8c21")).toBe(true);
    expect(isUuid("0B7C5C1E-4F7E-4D3A-9A51-6A2F1F9E8C21")).toBe(true);
    for (const value of ["", "not-a-uuid", "0b7c5c1e4f7e4d3a9a516a2f1f9e8c21", "0b7c5c1e-4f7e-4d3a-9a51-6a2f1f9e8c2", " 0b7c5c1e-4f7e-4d3a-9a51-6a2f1f9e8c21",
      "0b7c5c1e-4f7e-4d3a-9a51-6a2f1f9e8c21\n", "0b7c5c1g-4f7e-4d3a-9a51-6a2f1f9e8c21"]) expect(isUuid(value), JSON.stringify(value)).toBe(false);
  });
});
