/**
 * Checks every state-changing request must pass before anything reads its body or its cookie means anything: it comes
 * from a page of this site (a cross-site form or fetch cannot forge that) and it is JSON (a cross-site form can only
 * send form encodings or text/plain without a preflight, which this app never grants).
 */

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function isStateChanging(method: string): boolean {
  return method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE";
}

/** The hosts this request was addressed to: Host, and X-Forwarded-Host when a reverse proxy rewrote Host. */
function ownHosts(headers: Headers): Set<string> {
  const hosts = new Set<string>();
  const host = headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (forwarded) hosts.add(forwarded.toLowerCase());
  return hosts;
}

/** Null when the request comes from this origin; otherwise the sentence of the 403. */
export function crossOriginRefusal(headers: Headers): string | null {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null) {
    return fetchSite === "same-origin" ? null : `Refused: this request came from another site (Sec-Fetch-Site: ${fetchSite.slice(0, 20)}); changes are accepted only from this site's own pages.`;
  }
  const origin = headers.get("origin");
  if (!origin) return "Refused: a request that changes something must carry an Origin header of this site.";
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return "Refused: the Origin header is not a URL of this site.";
  }
  return ownHosts(headers).has(originHost) ? null : "Refused: this request came from another site; changes are accepted only from this site's own pages.";
}

/** Null for `application/json` (any parameters); otherwise the sentence of the 403. */
export function contentTypeRefusal(headers: Headers): string | null {
  const mediaType = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json" ? null : "Refused: send the request body as JSON with Content-Type: application/json.";
}

/** Both checks for a state-changing method; null for reads and for requests that pass. */
export function stateChangeRefusal(method: string, headers: Headers): string | null {
  if (!isStateChanging(method)) return null;
  return crossOriginRefusal(headers) ?? contentTypeRefusal(headers);
}

export class BodyTooLargeError extends Error {
  constructor() {
    super(`The request body is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`);
  }
}

/** The body as text, refusing (BodyTooLargeError) a declared or actual size above the limit without reading it all. */
export async function readBodyText(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
