/**
 * Wraps the injected `fetch` for one yahoo-finance2 call: every request carries the attempt's AbortSignal, HTTP
 * errors become a typed `YahooHttpError` (so the library never logs them and the status is never lost), and a
 * rejected fetch becomes a `YahooNetworkError`.
 */

export class YahooHttpError extends Error {
  override readonly name = "YahooHttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class YahooNetworkError extends Error {
  override readonly name = "YahooNetworkError";
}

/** Yahoo's JSON error description (`{ chart: { error: { description } } }`), else a short text excerpt. */
function describeErrorBody(body: string, statusText: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, { error?: { description?: unknown } } | undefined>;
    for (const value of Object.values(parsed ?? {})) {
      const description = value?.error?.description;
      if (typeof description === "string" && description) return description;
    }
  } catch {
    // not JSON: fall through to the text excerpt
  }
  const excerpt = body.replace(/\s+/g, " ").trim().slice(0, 160);
  return excerpt || statusText || "HTTP error";
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = cause && typeof cause === "object" ? (cause.code ?? cause.message) : undefined;
  return detail ? `${error.message} (${String(detail)})` : error.message;
}

export function createYahooFetch(baseFetch: typeof fetch, signal: AbortSignal): typeof fetch {
  return async (input, init) => {
    signal.throwIfAborted();
    const requestSignal = init?.signal ? AbortSignal.any([init.signal, signal]) : signal;
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal: requestSignal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new YahooNetworkError(describeCause(error), { cause: error });
    }
    if (response.status >= 400) {
      const body = await response.text().catch(() => "");
      throw new YahooHttpError(response.status, `HTTP ${response.status}: ${describeErrorBody(body, response.statusText)}`);
    }
    return response;
  };
}
