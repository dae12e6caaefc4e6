/**
 * Test-only: a `fetch` that answers from the recorded Yahoo responses in lib/market-data/fixtures/yahoo/ (fetch-mock-cache
 * format) and throws on any URL it has no answer for, so a test can never reach the network.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const YAHOO_FIXTURES_DIR = fileURLToPath(new URL("../market-data/fixtures/yahoo/", import.meta.url));

interface Recording {
  response: {
    status: number;
    statusText?: string;
    headers?: Record<string, string | string[]>;
    bodyJson?: unknown;
    bodyText?: string;
    body?: string;
  };
}

const recordingCache = new Map<string, Recording>();

function readRecording(file: string): Recording {
  let recording = recordingCache.get(file);
  if (!recording) {
    recording = JSON.parse(readFileSync(join(YAHOO_FIXTURES_DIR, file), "utf8")) as Recording;
    recordingCache.set(file, recording);
  }
  return recording;
}

/** A fresh `Response` for a recording; the stored body is decoded, so encoding/length headers are dropped. */
export function replayRecording(file: string): Response {
  const { response: r } = readRecording(file);
  const headers = new Headers();
  for (const [key, value] of Object.entries(r.headers ?? {})) {
    if (/^(content-encoding|content-length|transfer-encoding)$/i.test(key)) continue;
    for (const one of ([] as string[]).concat(value)) headers.append(key, one);
  }
  const body = r.bodyJson !== undefined ? JSON.stringify(r.bodyJson) : (r.bodyText ?? r.body ?? "");
  const noBody = r.status === 204 || r.status === 304;
  return new Response(noBody ? null : body, { status: r.status, statusText: r.statusText, headers });
}

/** The recorded 7-step cookie/consent/crumb handshake (non-EU consent flow, 2025). */
export function routeCrumbHandshake(url: URL, init?: RequestInit): string | undefined {
  if (url.host === "finance.yahoo.com" && url.pathname === "/quote/AAPL") {
    return url.searchParams.has("guccounter")
      ? "getCrumb-quote-AAPL-consent-final-redirect.html.json"
      : "getCrumb-quote-AAPL.json";
  }
  if (url.host === "guce.yahoo.com" && url.pathname === "/consent") return "getCrumb-quote-AAPL-consent.html.json";
  if (url.host === "guce.yahoo.com" && url.pathname === "/copyConsent") return "getCrumb-quote-AAPL-copyConsent.json";
  if (url.host === "consent.yahoo.com" && url.pathname === "/v2/collectConsent") {
    return init?.method === "POST"
      ? "getCrumb-quote-AAPL-collectConsentSubmit.json"
      : "getCrumb-quote-AAPL-collectConsent.html.json";
  }
  if (url.pathname === "/v1/test/getcrumb") return "getCrumb-getcrumb.json";
  return undefined;
}

/** A route answers with a fixture file name, a Response, or a promise of one; undefined = no answer. */
export type ReplayAnswer = string | Response | Promise<Response>;
export type ReplayRoute = (url: URL, init: RequestInit | undefined, call: number) => ReplayAnswer | undefined;

export interface RecordedCall {
  url: string;
  method: string;
  signal: AbortSignal | undefined;
  startedAt: number;
}

export interface ReplayFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
  /** Calls whose path matches, e.g. callsTo('/v8/finance/chart/'). */
  callsTo(pathPrefix: string): RecordedCall[];
}

/** `route` first, then the crumb handshake; anything else throws. */
export function createReplayFetch(route: ReplayRoute): ReplayFetch {
  const calls: RecordedCall[] = [];
  const replayFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push({ url: url.href, method: init?.method ?? "GET", signal: init?.signal ?? undefined, startedAt: Date.now() });
    const answer = route(url, init, calls.length) ?? routeCrumbHandshake(url, init);
    if (answer === undefined) throw new Error(`replay fetch: no fixture for ${init?.method ?? "GET"} ${url.href}`);
    return typeof answer === "string" ? replayRecording(answer) : answer;
  };
  return {
    fetch: replayFetch as typeof fetch,
    calls,
    callsTo: (pathPrefix) => calls.filter((call) => new URL(call.url).pathname.startsWith(pathPrefix)),
  };
}

/** A response that never arrives unless its request is aborted; then it rejects with the abort reason. */
export function neverUnlessAborted(init: RequestInit | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    const signal = init?.signal;
    if (!signal) return; // never settles: the caller's own deadline must cut it off
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
