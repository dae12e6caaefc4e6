// Back-pressure for `npm start`'s server processes (plain JavaScript, imported by server.mjs as it is). Beyond `max`
// requests in flight in this process, a request is answered 503 with Retry-After at once, instead of waiting in a
// queue its client gives up on. A request holds its place until its handler has finished its work — not merely
// until its client went away, since the rendering for a client that has gone still takes the core.
//
// A burst whose clients gave up leaves hundreds of connections in the listen queue, each holding a request and the
// client's close. The request is parsed one poll of the event loop before the close is read, so work started at once
// would render a page for every one of them, and new clients would wait behind that work for tens of seconds. The
// work therefore starts after the next poll, when a close that had already arrived has been seen; such a request is
// dropped.

/** MAX_REQUESTS_IN_FLIGHT (1–10,000), else `fallback`. */
export function resolveMaxInFlight(env = process.env, fallback = 16) {
  const raw = env.MAX_REQUESTS_IN_FLIGHT?.trim();
  if (!raw) return fallback;
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new Error(`MAX_REQUESTS_IN_FLIGHT must be a whole number from 1 to 10000, got "${raw}".`);
  return max;
}

/** Whether the client of `request` has closed its side (or the connection is gone): nobody reads the answer. */
function clientGone(request) {
  const socket = request.socket;
  return socket.destroyed || socket.readableEnded || !socket.writable;
}

/**
 * Whether a refused request may have a body the server never read: its connection is closed, so the body is not taken
 * for the next request. A refused request without one keeps its connection, so the 503 costs the client no new
 * connection and the server no new accept (closing them made a flood of retries slow every answer: the API's p50 at
 * 100 connections was 735–752 ms with closed 503s, 12–15 ms with kept ones, the same number of 200s).
 */
function mayHaveUnreadBody(request) {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

export function createInFlightLimit({ max, retryAfterSeconds = 1 }) {
  let inFlight = 0;
  let refused = 0;
  let dropped = 0;
  const body = JSON.stringify({ error: `The server is busy; retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.` });
  return {
    /**
     * Runs `work` (the request's handler, returning a promise) when there is room; otherwise answers 503 at once.
     * A request whose client has already gone is dropped without work (its connection closed).
     */
    run(request, response, work) {
      const drop = () => {
        dropped += 1;
        request.socket.destroy();
      };
      if (clientGone(request)) return drop();
      if (inFlight >= max) {
        refused += 1;
        response.writeHead(503, {
          "content-type": "application/json", "retry-after": String(retryAfterSeconds), "cache-control": "no-store",
          "content-length": Buffer.byteLength(body), ...(mayHaveUnreadBody(request) ? { connection: "close" } : {}),
        });
        response.end(body);
        return;
      }
      inFlight += 1;
      const afterNextPoll = (then) => setImmediate(() => setImmediate(then));
      afterNextPoll(() => {
        if (clientGone(request)) {
          inFlight -= 1;
          return drop();
        }
        Promise.resolve()
          .then(work)
          .catch(() => undefined)
          .finally(() => {
            inFlight -= 1;
          });
      });
    },
    stats: () => ({ inFlight, refused, dropped, max }),
  };
}
