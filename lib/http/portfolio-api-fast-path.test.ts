import { describe, expect, it } from "vitest";
import { fastPathPortfolioId } from "./portfolio-api-fast-path";

const ID = "0b7c5c1e-4f7e-4d3a-9a51-6a2f1f9e8c21";

describe("fastPathPortfolioId: which requests the server may answer before Next", () => {
  it("takes a GET of /api/portfolios/<uuid>, with or without a query string", () => {
    expect(fastPathPortfolioId("GET", `/api/portfolios/${ID}`)).toBe(ID);
    expect(fastPathPortfolioId("GET", `/api/portfolios/${ID}?fresh=1`)).toBe(ID);
    expect(fastPathPortfolioId("GET", `/api/portfolios/${ID.toUpperCase()}`)).toBe(ID.toUpperCase());
  });

  it("leaves every other method, path and id to Next", () => {
    for (const method of ["HEAD", "POST", "PATCH", "DELETE", "OPTIONS", undefined]) expect(fastPathPortfolioId(method, `/api/portfolios/${ID}`)).toBeNull();
    for (const url of [
      `/api/portfolios/${ID}/`, `/api/portfolios/${ID}/stress.csv`, `/api/portfolios/${ID}/exposures.csv`, "/api/portfolios/last-closes",
      "/api/portfolios/", "/api/portfolios", `/api/portfolios/${ID}x`, `/api/portfolios/%30${ID.slice(1)}`, `//api/portfolios/${ID}`,
      `/API/portfolios/${ID}`, `/portfolios/${ID}`, `http://example.test/api/portfolios/${ID}`, `/api/portfolios/${ID}#x`, undefined,
    ]) expect(fastPathPortfolioId("GET", url), url).toBeNull();
  });
});
