// `npm start`'s web server: Next.js behind a few lines of Node.
// - Login throttling counts failures per client address, and `next start` passes on an X-Forwarded-For a client sent
//   as it is; here the socket's peer is appended, as a reverse proxy does, so the rightmost entry is one no client
//   can choose (lib/auth/client-address.ts).
// - Rendering is CPU work, so one process per core (WEB_CONCURRENCY, default: the cores) shares the port: the primary
//   only forks, watches and stops its workers.
// - Back-pressure: past MAX_REQUESTS_IN_FLIGHT requests in one process (default 16), 503 with Retry-After at once.
// - The portfolio API's common answer (a signed-in owner, a stored read model) is written here without Next's
//   per-request work, and the portfolio page is sent again as rendered while its data is unchanged (PAGE_CACHE_MB,
//   default 64 per process, 0 turns it off); everything else goes to Next (lib/http/stored-answers.ts, loaded through
//   tsx once per process).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import next from "next";
import { tsImport } from "tsx/esm/api";
import { createInFlightLimit, resolveMaxInFlight } from "./lib/http/in-flight-limit.mjs";

// Named connections: the batch waits between chunks while these have queries running (lib/batch/yield-to-reads.ts).
process.env.FACTORWATCH_DB_APPLICATION = "factorwatch-web";

const dev = process.argv.includes("--dev");
const hostname = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const shown = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;

/** Server processes: WEB_CONCURRENCY (1–64), else one per core; `next dev` always one. */
function serverProcesses() {
  if (dev) return 1;
  const raw = process.env.WEB_CONCURRENCY?.trim();
  if (!raw) return Math.max(1, availableParallelism());
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64, got "${raw}".`);
    process.exit(2);
  }
  return count;
}

// `next dev` serves the route handler and the page itself, so an edit to either shows at once.
const storedAnswers = dev ? null : await tsImport("./lib/http/stored-answers.ts", import.meta.url);
let maxInFlight;
let pageCacheBytes;
try {
  maxInFlight = resolveMaxInFlight();
  pageCacheBytes = storedAnswers?.resolvePageCacheBytes() ?? 0;
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const processes = serverProcesses();
if (cluster.isPrimary && processes > 1) superviseWorkers(processes);
else await serve(cluster.isWorker);

/** The primary: forks the workers, replaces one that crashes after it served, and stops them all on a signal. */
function superviseWorkers(count) {
  let stopping = false;
  let listening = 0;
  const stopAll = (code) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const exitWhenDone = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
    };
    cluster.on("exit", exitWhenDone);
    exitWhenDone();
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(code);
    }, 8000).unref();
  };
  cluster.on("listening", () => {
    listening += 1;
    if (listening === count) console.log(`> dashboard listening on ${shown} (${count} server processes)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (!worker.exitedAfterDisconnect && worker.listened) {
      console.error(`A server process ended (${signal ?? `code ${code}`}); starting another.`);
      fork();
      return;
    }
    // A worker that never listened (the port is taken, the build is missing) fails the same way again: stop.
    stopAll(code || 1);
  });
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => {
      worker.listened = true;
    });
  };
  for (let i = 0; i < count; i += 1) fork();
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => stopAll(0));
  // Started by `factorwatch start` with an IPC channel: when that process is gone, so is the server.
  process.once("disconnect", () => stopAll(0));
}

async function serve(isWorker) {
  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const work = storedAnswers ? storedAnswers.withStoredAnswers(handle, pageCacheBytes) : handle;

  const limit = createInFlightLimit({ max: maxInFlight });
  const server = createServer((request, response) => {
    const peer = request.socket.remoteAddress ?? "unknown";
    const prior = request.headers["x-forwarded-for"];
    request.headers["x-forwarded-for"] = prior ? `${[prior].flat().join(", ")}, ${peer}` : peer;
    limit.run(request, response, () => work(request, response));
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  server.on("error", (error) => {
    console.error(`The dashboard could not listen on ${hostname}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    if (!isWorker) console.log(`> dashboard listening on ${shown}${dev ? " (development)" : ""}`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, stop);
  // A worker whose primary is gone, or a single server whose `factorwatch start` is gone, stops too.
  process.once("disconnect", stop);
}
