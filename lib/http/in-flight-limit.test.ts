import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createInFlightLimit, resolveMaxInFlight } from "./in-flight-limit.mjs";

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose requests wait until released; the limit in front of it. */
async function start(max: number) {
  const limit = createInFlightLimit({ max, retryAfterSeconds: 2 });
  const waiting: (() => void)[] = [];
  server = createServer((request, response) => {
    limit.run(request, response, () => new Promise<void>((resolve) => {
      waiting.push(() => {
        response.end("done");
        resolve();
      });
    }));
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const get = () => new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/", agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => { body += chunk; });
      res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"], body }));
    });
    req.on("error", reject);
    req.end();
  });
  const until = async (count: number) => { while (waiting.length < count) await new Promise((r) => setTimeout(r, 5)); };
  return { limit, waiting, get, until };
}

describe("the in-flight limit", () => {
  it("answers 503 with Retry-After at once past the bound, and admits again once a request finished", async () => {
    const { limit, waiting, get, until } = await start(2);
    const first = get();
    const second = get();
    await until(2);
    const refused = await get();
    expect(refused).toEqual({ status: 503, retryAfter: "2", body: JSON.stringify({ error: "The server is busy; retry in 2 seconds." }) });
    expect(limit.stats()).toEqual({ inFlight: 2, refused: 1, max: 2 });
    waiting.shift()!();
    expect((await first).body).toBe("done");
    const third = get();
    await until(2);
    waiting.splice(0).forEach((end) => end());
    expect([(await second).status, (await third).status]).toEqual([200, 200]);
    expect(limit.stats().inFlight).toBe(0);
  });

  it("keeps the place of a request whose client went away until its work is done", async () => {
    const { limit, waiting, get, until } = await start(1);
    const port = (server!.address() as AddressInfo).port;
    const gone = httpRequest({ host: "127.0.0.1", port, path: "/", agent: false });
    gone.on("error", () => undefined);
    gone.end();
    await until(1);
    gone.destroy();
    // The work for the departed client still runs: the next request is refused rather than queued behind it.
    expect((await get()).status).toBe(503);
    expect(limit.stats()).toEqual({ inFlight: 1, refused: 1, max: 1 });
    waiting.shift()!();
    while (limit.stats().inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    const next = get();
    await until(1);
    waiting.shift()!();
    expect((await next).status).toBe(200);
  });

  it("reads MAX_REQUESTS_IN_FLIGHT and refuses a bad value with a sentence", () => {
    expect(resolveMaxInFlight({})).toBe(16);
    expect(resolveMaxInFlight({ MAX_REQUESTS_IN_FLIGHT: "12" })).toBe(12);
    expect(() => resolveMaxInFlight({ MAX_REQUESTS_IN_FLIGHT: "lots" })).toThrow('MAX_REQUESTS_IN_FLIGHT must be a whole number from 1 to 10000, got "lots".');
  });
});
