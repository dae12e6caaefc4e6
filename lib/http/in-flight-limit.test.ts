import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createInFlightLimit, resolveMaxInFlight } from "./in-flight-limit.mjs";

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose requests wait until released; the limit in front of it. */
async function start(max: number) {
  const limit = createInFlightLimit({ max, retryAfterSeconds: 2 });
  const waiting: (() => void)[] = [];
  const started = { count: 0, seen: 0 };
  server = createServer((request, response) => {
    started.seen += 1;
    limit.run(request, response, () => new Promise<void>((resolve) => {
      started.count += 1;
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
  return { limit, waiting, get, until, started, port };
}

describe("the in-flight limit", () => {
  it("answers 503 with Retry-After at once past the bound, and admits again once a request finished", async () => {
    const { limit, waiting, get, until } = await start(2);
    const first = get();
    const second = get();
    await until(2);
    const refused = await get();
    expect(refused).toEqual({ status: 503, retryAfter: "2", body: JSON.stringify({ error: "The server is busy; retry in 2 seconds." }) });
    expect(limit.stats()).toEqual({ inFlight: 2, refused: 1, dropped: 0, max: 2 });
    waiting.shift()!();
    expect((await first).body).toBe("done");
    const third = get();
    await until(2);
    waiting.splice(0).forEach((end) => end());
    expect([(await second).status, (await third).status]).toEqual([200, 200]);
    expect(limit.stats().inFlight).toBe(0);
  });

  it("keeps a refused request's connection for the retry, and closes it when a body was left unread", async () => {
    const { waiting, until, port } = await start(1);
    // Idle connections stay open long enough for the retry to find this one.
    server!.keepAliveTimeout = 5_000;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, body?: string) => new Promise<{ status: number; connection: string | undefined; socket: unknown }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/", method, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, socket: req.socket }));
      });
      req.on("error", reject);
      req.end(body);
    });
    const admitted = httpRequest({ host: "127.0.0.1", port, path: "/", agent: false });
    admitted.on("error", () => undefined);
    admitted.end();
    await until(1);
    try {
      const get1 = await send("GET");
      const get2 = await send("GET");
      expect([get1.status, get1.connection, get2.status]).toEqual([503, "keep-alive", 503]);
      // The retry went out on the same connection.
      expect(get2.socket).toBe(get1.socket);
      const post = await send("POST", JSON.stringify({ name: "x".repeat(100) }));
      expect([post.status, post.connection]).toEqual([503, "close"]);
    } finally {
      waiting.shift()!();
      agent.destroy();
      server!.closeAllConnections();
    }
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
    expect(limit.stats()).toEqual({ inFlight: 1, refused: 1, dropped: 0, max: 1 });
    waiting.shift()!();
    while (limit.stats().inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    const next = get();
    await until(1);
    waiting.shift()!();
    expect((await next).status).toBe(200);
  });

  it("does no work for requests whose clients closed before the server read them, and serves the next client", async () => {
    const { limit, waiting, get, until, started, port } = await start(4);
    // What a burst of clients that gave up leaves in the listen queue: each connection holds a whole request and the
    // client's close, and the server reads them only later (here: after this synchronous stretch).
    const abandoned = Array.from({ length: 6 }, () => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => undefined);
      socket.end("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      return socket;
    });
    await Promise.all(abandoned.map((socket) => new Promise((resolve) => socket.once("finish", resolve))));
    const blockedUntil = Date.now() + 200;
    while (Date.now() < blockedUntil) {
      // the server is busy: the requests and the closes arrive together
    }
    while (started.seen < 6) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50)); // time for any work to start
    expect(started.count).toBe(0);
    expect(limit.stats()).toEqual({ inFlight: 0, refused: 0, dropped: 6, max: 4 });
    const next = get();
    await until(1);
    waiting.shift()!();
    expect(await next).toEqual({ status: 200, retryAfter: undefined, body: "done" });
    expect(limit.stats().inFlight).toBe(0);
  });

  it("reads MAX_REQUESTS_IN_FLIGHT and refuses a bad value with a sentence", () => {
    expect(resolveMaxInFlight({})).toBe(16);
    expect(resolveMaxInFlight({ MAX_REQUESTS_IN_FLIGHT: "12" })).toBe(12);
    expect(() => resolveMaxInFlight({ MAX_REQUESTS_IN_FLIGHT: "lots" })).toThrow('MAX_REQUESTS_IN_FLIGHT must be a whole number from 1 to 10000, got "lots".');
  });
});
