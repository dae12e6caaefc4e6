import { describe, expect, it } from "vitest";
import { describeIssuePath } from "./issue-path";

describe("describeIssuePath", () => {
  it("names a list item's row from 1 and its field in words", () => {
    expect(describeIssuePath(["positions", 4, "symbol"])).toBe("Position 5, symbol");
    expect(describeIssuePath(["positions", 0, "entryPrice"])).toBe("Position 1, entry price");
    expect(describeIssuePath(["positions"])).toBe("positions");
    expect(describeIssuePath(["returnShocks", "Value"])).toBe("returnShocks.Value");
    expect(describeIssuePath([])).toBe("input");
  });
});
