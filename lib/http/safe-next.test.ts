import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it("keeps paths of this site", () => {
    for (const path of ["/", "/admin", "/portfolios/1?tab=stress#x", "/%5Cx", "/a//b", "/a\\b"]) expect(safeNextPath(path), path).toBe(path);
  });

  it("refuses other sites and anything a browser could turn into one", () => {
    for (const next of ["//evil.example", "/\\evil.example", "\\evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)",
      "evil.example", "", "/\t/evil.example", "/\n/evil.example", "/ /evil.example", "\u0000/x", null, undefined]) {
      expect(safeNextPath(next as string), JSON.stringify(next)).toBe("/");
    }
    expect(safeNextPath("//x", "/portfolios")).toBe("/portfolios");
  });
});
