/**
 * The portfolio page (`GET /portfolios/<id>`) as Next rendered it for its owner, kept in this server process and sent
 * again while nothing it was drawn from has changed. Its data changes once a night or when the owner changes the
 * portfolio; rendering it costs about 20 ms of CPU, sending a kept copy well under one.
 *
 * - The key holds everything the HTML depends on: the viewer (user id, name, role: the header shows them), the
 *   portfolio, the generation of its stored answer (readPortfolioPageVersion: it changes with every row the page
 *   shows, the owner's saved scenarios included, and never repeats) and the User-Agent (Next streams differently to
 *   bots). A kept page is only ever sent to a live session of the user it was rendered for: the session is looked up
 *   on every request.
 * - A page is kept only when Next answered 200 with complete HTML (the page's own marker present, no boundary left to
 *   the client after a server error) and set no cookie.
 * - Every answer carries a fresh Content-Security-Policy nonce: the kept bytes are split where the render's nonce
 *   stood, and the new one is put back in the body and the headers.
 * - `Cache-Control: no-cache` from the client (a hard reload) renders afresh.
 * Everything else (no session, someone else's portfolio, an answer not stored yet, RSC navigations, query strings)
 * goes to Next as before.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { LRUCache } from "lru-cache";
import { isUuid } from "../base/uuid";
import { readSessionCookie } from "../auth/session-cookie";
import { readSession } from "../auth/sessions";
import type { Viewer } from "../auth/viewer";
import { readPortfolioPageVersion } from "../db/read-models";
import { answerWhileClientWaits } from "./client-abort";
import { createNonce } from "./security-headers";

const gzipAsync = promisify(gzip);

const PATH_PREFIX = "/portfolios/";
/** The page's root element carries this attribute (app/portfolios/[id]/page.tsx): its presence means the page rendered. */
export const PORTFOLIO_PAGE_MARKER = 'data-page="portfolio-detail"';
/** React's mark of a Suspense boundary whose server render failed and is left to the browser. */
const CLIENT_RENDERED_BOUNDARY = "<!--$!-->";
/** Headers of Next's client-side navigations and prefetches: their answers are RSC payloads, not this page. */
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];
/** Per-connection and per-body headers the server writes itself. */
const UNKEPT_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "server-timing"]);
const MAX_PAGE_BYTES = 4 * 2 ** 20;
const NONCE_PATTERN = /'nonce-([A-Za-z0-9+/=]{16,})'/;

interface KeptPage {
  /** The body split where the render's nonce stood. */
  bodyParts: Buffer[];
  /** Header values split the same way. */
  headers: [name: string, valueParts: string[]][];
  bytes: number;
}

export interface PortfolioPageCacheOptions {
  maxBytes: number;
  /** Defaults to the session table and readPortfolioPageVersion; tests count or change them. */
  readViewer?: (token: string) => Promise<Viewer | null>;
  readVersion?: (portfolioId: string, userId: string, signal: AbortSignal) => Promise<string | null>;
}

export type RenderPage = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** The portfolio id of a full-page `GET /portfolios/<uuid>` (no query string, no navigation headers), else null. */
export function portfolioPageId(request: Pick<IncomingMessage, "method" | "url" | "headers">): string | null {
  const { method, url, headers } = request;
  if (method !== "GET" || !url?.startsWith(PATH_PREFIX)) return null;
  const id = url.slice(PATH_PREFIX.length);
  if (!isUuid(id)) return null;
  return NAVIGATION_HEADERS.some((name) => headers[name] !== undefined) ? null : id;
}

/** Whether an Accept-Encoding header accepts gzip (RFC 9110: a q of 0 refuses it, `*` stands for it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let wildcard = false;
  for (const item of acceptEncoding.split(",")) {
    const [coding, ...params] = item.split(";").map((part) => part.trim().toLowerCase());
    const qParam = params.find((param) => param.startsWith("q="));
    const accepted = qParam === undefined || Number(qParam.slice(2)) > 0;
    if (coding === "gzip") return accepted;
    if (coding === "*") wildcard = accepted;
  }
  return wildcard;
}

/** PAGE_CACHE_MB (0–4096, default 64; 0 turns the cache off) as bytes, or an error saying what is wrong. */
export function resolvePageCacheBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PAGE_CACHE_MB?.trim();
  if (!raw) return 64 * 2 ** 20;
  const megabytes = Number(raw);
  if (!Number.isInteger(megabytes) || megabytes < 0 || megabytes > 4096) {
    throw new Error(`PAGE_CACHE_MB must be a whole number of megabytes from 0 to 4096 (0 turns the page cache off), got "${raw}".`);
  }
  return megabytes * 2 ** 20;
}

/** Splits `bytes` at every occurrence of `nonce`. */
function splitAtNonce(bytes: Buffer, nonce: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(nonce, from); at >= 0; at = bytes.indexOf(nonce, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

function joinWithNonce(parts: Buffer[], nonce: Buffer): Buffer {
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => pieces.push(...(index === 0 ? [part] : [nonce, part])));
  return Buffer.concat(pieces);
}

/** Records what is written to `response` (Next writes through write/end), up to MAX_PAGE_BYTES. */
function recordBody(response: ServerResponse): () => Buffer | null {
  const chunks: Buffer[] = [];
  let size = 0;
  const record = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function" || size > MAX_PAGE_BYTES) return;
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    chunks.push(bytes);
  };
  const write = response.write;
  const end = response.end;
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    record(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    record(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  return () => (size > MAX_PAGE_BYTES ? null : Buffer.concat(chunks));
}

/** The page as Next answered it, ready to keep, or null when this answer must not be sent to anyone again. */
function toKeptPage(response: ServerResponse, body: Buffer | null): KeptPage | null {
  if (!body || response.statusCode !== 200 || response.hasHeader("set-cookie") || response.hasHeader("content-encoding")) return null;
  if (!String(response.getHeader("content-type") ?? "").startsWith("text/html")) return null;
  const nonce = NONCE_PATTERN.exec(String(response.getHeader("content-security-policy") ?? ""))?.[1];
  if (!nonce) return null;
  const html = body.toString("utf8");
  if (!html.includes(PORTFOLIO_PAGE_MARKER) || html.includes(CLIENT_RENDERED_BOUNDARY) || !html.includes(nonce)) return null;
  const headers: KeptPage["headers"] = [];
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value === undefined || UNKEPT_HEADERS.has(name)) continue;
    headers.push([name, (Array.isArray(value) ? value.join(", ") : String(value)).split(nonce)]);
  }
  const bodyParts = splitAtNonce(body, Buffer.from(nonce));
  return { bodyParts, headers, bytes: body.length + headers.reduce((sum, [name, parts]) => sum + name.length + parts.join("").length, 0) };
}

async function sendKeptPage(request: IncomingMessage, response: ServerResponse, page: KeptPage): Promise<void> {
  const nonce = createNonce();
  const headers: Record<string, string | number> = {};
  for (const [name, parts] of page.headers) headers[name] = parts.join(nonce);
  let body = joinWithNonce(page.bodyParts, Buffer.from(nonce));
  if (acceptsGzip(request.headers["accept-encoding"])) {
    body = await gzipAsync(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = body.length;
  headers["server-timing"] = 'page;desc="kept"';
  response.writeHead(200, headers).end(body);
}

export interface PortfolioPageCache {
  /**
   * Answers a portfolio page request (from a kept page, or by `render` and keeping its answer) and resolves true,
   * or resolves false without having written anything: then the caller lets Next answer as usual.
   */
  serve(request: IncomingMessage, response: ServerResponse, render: RenderPage): Promise<boolean>;
  /** Pages kept now, and their bytes. */
  size(): { pages: number; bytes: number };
}

export function createPortfolioPageCache(options: PortfolioPageCacheOptions): PortfolioPageCache {
  const readViewer = options.readViewer ?? readSession;
  const readVersion = options.readVersion ?? readPortfolioPageVersion;
  const pages = options.maxBytes > 0
    ? new LRUCache<string, KeptPage>({ maxSize: options.maxBytes, sizeCalculation: (page) => Math.max(1, page.bytes) })
    : null;

  async function serve(request: IncomingMessage, response: ServerResponse, render: RenderPage): Promise<boolean> {
    if (!pages) return false;
    const portfolioId = portfolioPageId(request);
    if (!portfolioId) return false;
    const token = readSessionCookie(request.headers.cookie);
    if (!token) return false;
    const lookup = await answerWhileClientWaits(response, async (signal) => {
      const viewer = await readViewer(token);
      if (!viewer) return false;
      const version = await readVersion(portfolioId, viewer.userId, signal);
      if (version === null) return false;
      const key = JSON.stringify([viewer.userId, viewer.name, viewer.role, portfolioId, version, request.headers["user-agent"] ?? ""]);
      const kept = /\bno-cache\b/i.test(String(request.headers["cache-control"] ?? "")) ? undefined : pages.get(key);
      if (!kept) return { key };
      await sendKeptPage(request, response, kept);
      return true;
    });
    if (typeof lookup === "boolean") return lookup;

    // Rendered uncompressed so the bytes can be kept; a kept page is compressed when sent.
    delete request.headers["accept-encoding"];
    response.setHeader("server-timing", 'page;desc="rendered"');
    const recorded = recordBody(response);
    const finished = new Promise<boolean>((resolve) => {
      response.once("finish", () => resolve(true));
      response.once("close", () => resolve(response.writableFinished));
    });
    await render(request, response);
    if (!(await finished)) return true;
    const page = toKeptPage(response, recorded());
    // Kept under the generation read before the render. A render that read rows changed meanwhile shows a newer
    // generation's data; no later request asks for the older one (generations only grow), so it is never sent.
    if (page) pages.set(lookup.key, page);
    return true;
  }

  return { serve, size: () => ({ pages: pages?.size ?? 0, bytes: pages?.calculatedSize ?? 0 }) };
}
