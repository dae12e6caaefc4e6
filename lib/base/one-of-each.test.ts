import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message";
import { groupByPortfolio } from "./group-by-portfolio";

describe("errorMessage", () => {
  it("reads an Error's message and the text of anything else thrown", () => {
    expect(errorMessage(new RangeError("out of range"))).toBe("out of range");
    expect(errorMessage("plain text")).toBe("plain text");
    expect(errorMessage(42)).toBe("42");
    expect(errorMessage(undefined)).toBe("undefined");
  });
});

describe("groupByPortfolio", () => {
  it("groups rows by portfolio, keeping their order within each group and the order groups first appear", () => {
    const rows = [
      { portfolioId: "b", n: 1 },
      { portfolioId: "a", n: 2 },
      { portfolioId: "b", n: 3 },
    ];
    const groups = groupByPortfolio(rows, (row) => row.portfolioId);
    expect([...groups.keys()]).toEqual(["b", "a"]);
    expect(groups.get("b")?.map((row) => row.n)).toEqual([1, 3]);
    expect(groups.get("a")?.map((row) => row.n)).toEqual([2]);
    expect(groupByPortfolio([], () => "x").size).toBe(0);
  });
});
