import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createReplayFetch, neverUnlessAborted, replayRecording, type ReplayRoute } from "../testing/replay-yahoo-fetch";
import type { DailyBar } from "./types";
import { YahooProvider, type YahooProviderOptions } from "./yahoo-provider";
import { okBars } from "../testing/provider-results";

/** Node's own fetch, captured before the global one is stubbed out below. */
const originalFetch = globalThis.fetch;

const CHART_FIXTURES: Record<string, string> = {
  MSFT: "historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json",
  NVDA: "historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json",
  TSLA: "historical-via-chart-dividends-TSLA-no-dividends.json",
  AAPL: "historicalv8-AAPL-2020-01-01-to-2021-01-04.json",
  QQQ: "historicalv8-QQQ-2020-01-01-to-2021-01-04.json",
  MDLY: "historicalv8-MDLY-2020-01-01-to-2021-01-04.json",
  SIX: "historical-via-chart-SIX-2020-01-01-to-2020-01-03.json",
};
const SUMMARY_FIXTURES: Record<string, string> = {
  AAPL: "quoteSummary-summaryDetail-AAPL.json",
  QQQ: "quoteSummary-summaryDetail-QQQ.json",
  // The recorded "No fundamentals data found" 404 answers every unknown symbol.
  ADH: "quoteSummary-summaryDetail-ADH.json",
  NONEXIST: "quoteSummary-summaryDetail-ADH.json",
};

const recorded: ReplayRoute = (url) => {
  const chart = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
  if (chart) return CHART_FIXTURES[decodeURIComponent(chart[1])];
  const summary = /^\/v10\/finance\/quoteSummary\/([^/]+)$/.exec(url.pathname);
  if (summary && url.searchParams.get("modules") === "summaryDetail") return SUMMARY_FIXTURES[decodeURIComponent(summary[1])];
  return undefined;
};

const FAST: YahooProviderOptions = { minIntervalMs: 0, retryBaseDelayMs: 1, retryMaxDelayMs: 5, valuationBatchPauseMs: 0 };

function providerWith(route: ReplayRoute, options: YahooProviderOptions = {}) {
  const replay = createReplayFetch(route);
  return { provider: new YahooProvider({ ...FAST, ...options, fetch: replay.fetch }), replay };
}

const byDate = (bars: DailyBar[], date: string) => bars.find((bar) => bar.date === date);
const maxAbsReturn = (values: number[]) =>
  Math.max(...values.slice(1).map((v, i) => Math.abs(v / values[i] - 1)));

// Nothing in this file may reach the network: the library's default (global) fetch must never be called.
const globalFetch = vi.fn(async () => {
  throw new Error("network access in a test");
});
beforeAll(() => vi.stubGlobal("fetch", globalFetch));
afterAll(() => {
  vi.unstubAllGlobals();
  expect(globalFetch).not.toHaveBeenCalled();
});

describe("YahooProvider.fetchDailyBars (recorded responses)", () => {
  it("MSFT: 252 New York trading dates, raw close and dividend-adjusted close, 4 dividend events", async () => {
    const { provider, replay } = providerWith(recorded);
    const result = okBars(await provider.fetchDailyBars("MSFT", { from: "2021-02-01", to: "2022-01-31" }));
    expect(result.bars).toHaveLength(252);
    expect(result.bars[0]).toMatchObject({ date: "2021-02-01" });
    expect(result.bars[0].close).toBeCloseTo(239.65, 2);
    expect(result.bars[0].adjClose).toBeCloseTo(231.19, 2);
    expect(result.bars.at(-1)?.date).toBe("2022-01-28");
    expect(result.rejectedBars).toBe(0);
    expect(result.events).toEqual([
      { date: "2021-02-17", kind: "dividend", amount: 0.56 },
      { date: "2021-05-19", kind: "dividend", amount: 0.56 },
      { date: "2021-08-18", kind: "dividend", amount: 0.56 },
      { date: "2021-11-17", kind: "dividend", amount: 0.62 },
    ]);
    // One request, to chart, with the right query.
    expect(replay.calls).toHaveLength(1);
    const url = new URL(replay.calls[0].url);
    expect(url.pathname).toBe("/v8/finance/chart/MSFT");
    expect(url.searchParams.get("interval")).toBe("1d");
    expect(url.searchParams.get("events")).toBe("div|split");
    expect(url.searchParams.get("period1")).toBe(String(Date.UTC(2021, 1, 1) / 1000));
    expect(url.searchParams.get("period2")).toBe(String(Date.UTC(2022, 1, 1) / 1000));
  });

  it("keeps only bars inside the requested range (dates are America/New_York, summer and winter)", async () => {
    const { provider } = providerWith(recorded);
    const result = okBars(await provider.fetchDailyBars("MSFT", { from: "2021-03-10", to: "2021-03-16" }));
    // 2021-03-14 is the DST switch: bars at 14:30Z before and 13:30Z after both map to their own ET date.
    expect(result.bars.map((bar) => bar.date)).toEqual(["2021-03-10", "2021-03-11", "2021-03-12", "2021-03-15", "2021-03-16"]);
    expect(result.events).toEqual([]);
  });

  it("NVDA: the 4:1 split of 2021-07-20 is reported; Yahoo's closes are already split-adjusted, so no jump", async () => {
    const { provider } = providerWith(recorded);
    const result = okBars(await provider.fetchDailyBars("NVDA", { from: "2021-02-01", to: "2022-01-31" }));
    expect(result.events).toEqual([{ date: "2021-07-20", kind: "split", ratio: 4 }]);
    const before = byDate(result.bars, "2021-07-19")!;
    const after = byDate(result.bars, "2021-07-20")!;
    expect(after.close / before.close).toBeGreaterThan(0.9);
    expect(after.close / before.close).toBeLessThan(1.1);
    // Continuous adjusted returns over the whole year: no day moves by anything like a split ratio.
    const adj = result.bars.map((bar) => bar.adjClose!);
    expect(maxAbsReturn(adj)).toBeLessThan(0.2);
    expect(adj.every((value) => value > 0)).toBe(true);
  });

  it("AAPL 2020 (2021-format recording): dividends and the 4:1 split of 2020-08-31", async () => {
    const { provider } = providerWith(recorded);
    const result = okBars(await provider.fetchDailyBars("AAPL", { from: "2020-01-01", to: "2020-12-31" }));
    expect(result.bars).toHaveLength(253);
    expect(result.events.filter((event) => event.kind === "dividend")).toHaveLength(4);
    expect(result.events).toContainEqual({ date: "2020-08-31", kind: "split", ratio: 4 });
    const closes = result.bars.map((bar) => bar.close);
    expect(maxAbsReturn(closes)).toBeLessThan(0.15);
  });

  it("TSLA: a 365-day window cut from 13 years, no dividends", async () => {
    const { provider } = providerWith(recorded);
    const result = okBars(await provider.fetchDailyBars("TSLA", { from: "2022-08-11", to: "2023-08-11" }));
    expect(result.bars.length).toBeGreaterThanOrEqual(250);
    expect(result.bars.length).toBeLessThanOrEqual(252);
    expect(result.bars[0].date >= "2022-08-11").toBe(true);
    expect(result.bars.at(-1)?.date).toBe("2023-08-11");
    expect(result.events).toEqual([]);
  });

  it("QQQ (ETF): bars with dividend events", async () => {
    const { provider } = providerWith(recorded);
    const result = okBars(await provider.fetchDailyBars("QQQ", { from: "2020-01-01", to: "2020-12-31" }));
    expect(result.bars).toHaveLength(253);
    expect(result.events.map((event) => event.kind)).toEqual(["dividend", "dividend", "dividend"]);
  });

  it("delisted symbols (recorded HTTP 404) → not_found after one attempt", async () => {
    const { provider, replay } = providerWith(recorded);
    for (const symbol of ["MDLY", "SIX"]) {
      const result = await provider.fetchDailyBars(symbol, { from: "2020-01-01", to: "2020-12-31" });
      expect(result).toEqual({
        ok: false,
        symbol,
        error: { kind: "not_found", message: expect.stringMatching(/symbol may be delisted/), attempts: 1 },
      });
    }
    expect(replay.calls).toHaveLength(2);
  });

  it("maps the storage form BRK.B to the provider form BRK-B", async () => {
    const { provider, replay } = providerWith((url) =>
      url.pathname === "/v8/finance/chart/BRK-B" ? CHART_FIXTURES.MSFT : undefined,
    );
    const result = okBars(await provider.fetchDailyBars("BRK.B", { from: "2021-02-01", to: "2021-02-05" }));
    expect(result.symbol).toBe("BRK.B");
    expect(result.bars).toHaveLength(5);
    expect(replay.calls).toHaveLength(1);
  });
});

describe("YahooProvider.fetchDailyBars (synthetic failures)", () => {
  const range = { from: "2021-02-01", to: "2021-02-05" };

  it("429 then success → retried, attempts 2", async () => {
    const { provider, replay } = providerWith((url, _init, call) =>
      call === 1 ? new Response("Too Many Requests", { status: 429 }) : recorded(url, undefined, call),
    );
    const result = okBars(await provider.fetchDailyBars("MSFT", range));
    expect(result.bars).toHaveLength(5);
    expect(replay.calls).toHaveLength(2);
  });

  it("persistent 429 → rate_limited after 3 attempts", async () => {
    const { provider } = providerWith(() => new Response("Too Many Requests", { status: 429 }));
    const result = await provider.fetchDailyBars("MSFT", range);
    expect(result).toMatchObject({ ok: false, error: { kind: "rate_limited", attempts: 3 } });
  });

  it("persistent 500 → provider_error after 3 attempts (maxAttempts configurable)", async () => {
    const { provider, replay } = providerWith(() => new Response("<html>oops</html>", { status: 500 }));
    expect(await provider.fetchDailyBars("MSFT", range)).toMatchObject({
      ok: false,
      error: { kind: "provider_error", attempts: 3, message: expect.stringContaining("HTTP 500") },
    });
    expect(replay.calls).toHaveLength(3);
    const two = providerWith(() => new Response("", { status: 503 }), { maxAttempts: 2 });
    expect(await two.provider.fetchDailyBars("MSFT", range)).toMatchObject({ ok: false, error: { attempts: 2 } });
  });

  it("backs off exponentially between attempts", async () => {
    const { provider, replay } = providerWith(() => new Response("", { status: 502 }), {
      retryBaseDelayMs: 40,
      retryMaxDelayMs: 1_000,
    });
    await provider.fetchDailyBars("MSFT", range);
    const [a, b, c] = replay.calls.map((call) => call.startedAt);
    expect(b - a).toBeGreaterThanOrEqual(35); // 40 × [1, 2)
    expect(c - b).toBeGreaterThanOrEqual(75); // 80 × [1, 2)
  });

  it("a network error is retried, then reported as network", async () => {
    const { provider, replay } = providerWith(() => Promise.reject(new TypeError("fetch failed")));
    expect(await provider.fetchDailyBars("MSFT", range)).toMatchObject({
      ok: false,
      error: { kind: "network", attempts: 3, message: expect.stringContaining("fetch failed") },
    });
    expect(replay.calls).toHaveLength(3);
  });

  it("a hanging request is really aborted after requestTimeoutMs → timed_out, not retried", async () => {
    const { provider, replay } = providerWith((_url, init) => neverUnlessAborted(init), { requestTimeoutMs: 50 });
    const started = Date.now();
    const result = await provider.fetchDailyBars("MSFT", range);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "timed_out", attempts: 1, message: expect.stringContaining("timed out after 50 ms") },
    });
    expect(replay.calls).toHaveLength(1);
    expect(replay.calls[0].signal?.aborted).toBe(true);
  });

  it("returns on timeout even when the fetch ignores its signal", async () => {
    const { provider } = providerWith(() => new Promise<Response>(() => {}), { requestTimeoutMs: 30 });
    expect(await provider.fetchDailyBars("MSFT", range)).toMatchObject({ ok: false, error: { kind: "timed_out" } });
  });

  it("the caller's signal aborts the request → timed_out", async () => {
    const { provider, replay } = providerWith((_url, init) => neverUnlessAborted(init), { requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("phase cancelled")), 20);
    const result = await provider.fetchDailyBars("MSFT", range, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "timed_out", message: "phase cancelled" } });
    expect(replay.calls[0].signal?.aborted).toBe(true);
  });

  it.each([
    ["invalid JSON", "{not json", "application/json"],
    ["an HTML page", "<!doctype html><html><body>Will be right back</body></html>", "text/html"],
  ])("%s with HTTP 200 → invalid_data, not retried", async (_label, body, type) => {
    const { provider, replay } = providerWith(() => new Response(body, { status: 200, headers: { "content-type": type } }));
    expect(await provider.fetchDailyBars("MSFT", range)).toMatchObject({
      ok: false,
      error: { kind: "invalid_data", attempts: 1 },
    });
    expect(replay.calls).toHaveLength(1);
  });

  it("a body that fails the library's schema → invalid_data", async () => {
    const { provider } = providerWith(
      () => new Response(JSON.stringify({ chart: { result: [{ meta: {}, timestamp: "x" }], error: null } }), { status: 200 }),
    );
    expect(await provider.fetchDailyBars("MSFT", range)).toMatchObject({ ok: false, error: { kind: "invalid_data" } });
  });

  it("rejects invalid bars and counts them by reason", async () => {
    // The recorded MSFT body with four bars corrupted in different ways.
    const body = JSON.parse(await replayRecording(CHART_FIXTURES.MSFT).text());
    const [result0] = body.chart.result;
    const quote = result0.indicators.quote[0];
    quote.close[1] = null; // 2021-02-02
    quote.close[2] = -1; // 2021-02-03
    quote.high[3] = quote.low[3] - 1; // 2021-02-04
    result0.indicators.adjclose[0].adjclose[4] = 0; // 2021-02-05
    const { provider } = providerWith(() => new Response(JSON.stringify(body), { status: 200 }));
    const result = okBars(await provider.fetchDailyBars("MSFT", { from: "2021-02-01", to: "2021-02-09" }));
    expect(result.bars.map((bar) => bar.date)).toEqual(["2021-02-01", "2021-02-08", "2021-02-09"]);
    expect(result.bars[0]).toEqual({
      date: "2021-02-01",
      open: expect.any(Number),
      high: expect.any(Number),
      low: expect.any(Number),
      close: expect.closeTo(239.65, 2),
      adjClose: expect.closeTo(231.19, 2),
      volume: expect.any(Number),
    });
    expect(result.rejectedBars).toBe(4);
    expect(result.rejectReasons).toEqual({
      missing_close: 1,
      non_positive_close: 1,
      high_below_low: 1,
      invalid_adj_close: 1,
    });
  });

  it("limits concurrency and spaces request starts by minIntervalMs", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { provider, replay } = providerWith(
      (url) => slowly(url),
      { concurrency: 2, minIntervalMs: 20 },
    );
    async function slowly(url: URL): Promise<Response> {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight -= 1;
        return recordedResponse(url);
    }
    const results = await Promise.all(["MSFT", "NVDA", "MSFT", "NVDA", "MSFT"].map((s) => provider.fetchDailyBars(s, range)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxInFlight).toBe(2);
    // Starts are reserved 20 ms apart (exact spacing is tested in request-scheduler.test.ts); here allow for the
    // library's own async work between the reservation and the fetch.
    const starts = replay.calls.map((call) => call.startedAt).sort((a, b) => a - b);
    expect(starts.at(-1)! - starts[0]).toBeGreaterThanOrEqual(4 * 20 - 10);
  });
});

function recordedResponse(url: URL): Response {
  const file = recorded(url, undefined, 0);
  if (typeof file !== "string") throw new Error(`no fixture for ${url.href}`);
  return replayRecording(file);
}

describe("YahooProvider.fetchValuations (quoteSummary summaryDetail)", () => {
  it("walks the recorded crumb handshake once, then maps summaryDetail per symbol", async () => {
    const { provider, replay } = providerWith(recorded);
    const results = await provider.fetchValuations(["AAPL", "QQQ", "NONEXIST"]);
    expect(results.get("AAPL")).toEqual({
      ok: true,
      valuation: {
        trailingPE: expect.closeTo(38.91, 1),
        forwardPE: expect.closeTo(29.55, 1),
        beta: expect.closeTo(1.2, 2),
        fiftyTwoWeekHigh: expect.closeTo(260.1, 1),
        fiftyTwoWeekLow: expect.closeTo(164.08, 1),
        marketCap: expect.any(Number),
        dividendYield: expect.closeTo(0.0041, 4),
      },
    });
    // ETF: no beta and no dividendYield in summaryDetail → beta null (not an error), yield used instead.
    const qqq = results.get("QQQ");
    expect(qqq?.ok).toBe(true);
    if (qqq?.ok) {
      expect(qqq.valuation.beta).toBeNull();
      expect(qqq.valuation.forwardPE).toBeNull();
      expect(qqq.valuation.trailingPE).toEqual(expect.any(Number));
      expect(qqq.valuation.dividendYield).toEqual(expect.any(Number));
    }
    expect(results.get("NONEXIST")).toEqual({
      ok: false,
      error: { kind: "not_found", message: expect.stringMatching(/No fundamentals data found/), attempts: 1 },
    });
    // One handshake for the three concurrent requests (the library shares one crumb promise).
    // (The library caches the crumb process-wide, so a later test may skip the handshake entirely.)
    expect(replay.calls.filter((call) => call.url === "https://finance.yahoo.com/quote/AAPL").length).toBeLessThanOrEqual(1);
    expect(replay.callsTo("/v1/test/getcrumb").length).toBeLessThanOrEqual(1);
    const summaryCalls = replay.callsTo("/v10/finance/quoteSummary/");
    expect(summaryCalls).toHaveLength(3);
    for (const call of summaryCalls) expect(new URL(call.url).searchParams.get("crumb")).toBe("haT3oykhHqZ");
  });

  it("a slow symbol in a batch hits the batch deadline: its request is aborted, the others succeed", async () => {
    const { provider, replay } = providerWith(
      (url, init, call) => (url.pathname.endsWith("/QQQ") ? neverUnlessAborted(init) : recorded(url, init, call)),
      { valuationBatchTimeoutMs: 300, requestTimeoutMs: 60_000 },
    );
    const started = Date.now();
    const results = await provider.fetchValuations(["AAPL", "QQQ"]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(results.get("AAPL")?.ok).toBe(true);
    expect(results.get("QQQ")).toEqual({
      ok: false,
      error: { kind: "timed_out", message: "valuation batch timed out after 300 ms", attempts: 1 },
    });
    const qqqCall = replay.callsTo("/v10/finance/quoteSummary/QQQ")[0];
    expect(qqqCall.signal?.aborted).toBe(true);
  });

  it("splits the symbols into batches of valuationBatchSize, each with its own deadline", async () => {
    const { provider, replay } = providerWith(recorded, { valuationBatchSize: 2 });
    const results = await provider.fetchValuations(["AAPL", "QQQ", "ADH", "AAPL"]);
    expect([...results.keys()]).toEqual(["AAPL", "QQQ", "ADH"]);
    expect(replay.callsTo("/v10/finance/quoteSummary/")).toHaveLength(3);
  });

  it("a 429 on quoteSummary is retried; a persistent 503 ends as provider_error for that symbol only", async () => {
    let aaplCalls = 0;
    const { provider } = providerWith((url, init, call) => {
      if (url.pathname.endsWith("/quoteSummary/AAPL") && ++aaplCalls === 1) return new Response("", { status: 429 });
      if (url.pathname.endsWith("/quoteSummary/QQQ")) return new Response("", { status: 503 });
      return recorded(url, init, call);
    });
    const results = await provider.fetchValuations(["AAPL", "QQQ"]);
    expect(results.get("AAPL")?.ok).toBe(true);
    expect(aaplCalls).toBe(2);
    expect(results.get("QQQ")).toMatchObject({ ok: false, error: { kind: "provider_error", attempts: 3 } });
  });
});

describe("YahooProvider timeouts over a real socket (localhost only)", () => {
  let server: Server;
  let port = 0;
  let closedRequests = 0;
  let openRequests = 0;

  beforeAll(async () => {
    // Accepts every request and never answers; counts requests whose connection the client tore down.
    server = createServer((request) => {
      openRequests += 1;
      request.socket.on("close", () => {
        closedRequests += 1;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("the per-request timeout aborts the undici request and closes its socket", async () => {
    const toLocalhost: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return originalFetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, init);
    };
    // Long enough for the request to reach the server on a loaded machine (at 100 ms it sometimes timed out before
    // the server had seen it, which proves nothing about the socket).
    const provider = new YahooProvider({ ...FAST, fetch: toLocalhost, requestTimeoutMs: 1_500 });
    const result = await provider.fetchDailyBars("MSFT", { from: "2021-02-01", to: "2021-02-05" });
    expect(result).toMatchObject({ ok: false, error: { kind: "timed_out", attempts: 1 } });
    expect(openRequests).toBe(1);
    await vi.waitFor(() => expect(closedRequests).toBe(1), { timeout: 5_000 });
  });
});
