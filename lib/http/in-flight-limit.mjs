// Back-pressure for `npm start`'s server processes (plain JavaScript: server.mjs runs without tsx). Beyond `max`
// requests in flight in this process, a request is answered 503 with Retry-After at once, instead of waiting in a
// queue its client gives up on. A request holds its place until its handler has finished its work — not merely
// until its client went away, since the rendering for a client that has gone still takes the core.

/** MAX_REQUESTS_IN_FLIGHT (1–10,000), else `fallback`. */
export function resolveMaxInFlight(env = process.env, fallback = 16) {
  const raw = env.MAX_REQUESTS_IN_FLIGHT?.trim();
  if (!raw) return fallback;
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new Error(`MAX_REQUESTS_IN_FLIGHT must be a whole number from 1 to 10000, got "${raw}".`);
  return max;
}

export function createInFlightLimit({ max, retryAfterSeconds = 1 }) {
  let inFlight = 0;
  let refused = 0;
  const body = JSON.stringify({ error: `The server is busy; retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.` });
  return {
    /**
     * Runs `work` (the request's handler, returning a promise) when there is room; otherwise answers 503 at once.
     * A request whose client has already gone is dropped without work.
     */
    run(request, response, work) {
      if (request.socket.destroyed) return;
      if (inFlight >= max) {
        refused += 1;
        response.writeHead(503, {
          "content-type": "application/json", "retry-after": String(retryAfterSeconds), "cache-control": "no-store",
          "content-length": Buffer.byteLength(body), connection: "close",
        });
        response.end(body);
        return;
      }
      inFlight += 1;
      Promise.resolve()
        .then(work)
        .catch(() => undefined)
        .finally(() => {
          inFlight -= 1;
        });
    },
    stats: () => ({ inFlight, refused, max }),
  };
}
