/**
 * Stored answers of read models (table read_models). A row's generation changes whenever the rows behind it change;
 * its body (the answer as JSON text, sent to the API's clients as it is) is NULL until the next read computes it. A read that computed from rows older than the current generation
 * never stores its answer: the store is conditional on the generation the read started from, and every invalidation
 * commits together with, or after, the rows it stands for.
 */
import net from "node:net";
import type pg from "pg";
import { getPool } from "./client";

export interface StoredReadModel {
  generation: string;
  dataDate: string | null;
  /** The stored answer as JSON text, or null when stale. */
  bodyJson: string | null;
}

type Queryable = Pick<pg.Pool, "query">;

const portfolioKey = (portfolioId: string) => `portfolio:${portfolioId}`;

/**
 * In one query: whether the user owns the live portfolio, and its stored read model (body null when stale). The
 * row is created when missing, so an invalidation between now and the store is seen by the store.
 */
export async function readPortfolioReadModel(portfolioId: string, userId: string, signal?: AbortSignal): Promise<StoredReadModel | null> {
  const sql = `
    WITH owned AS (SELECT id FROM portfolios WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL),
         created AS (INSERT INTO read_models (key, portfolio_id) SELECT $3::text, id FROM owned
                      WHERE NOT EXISTS (SELECT 1 FROM read_models WHERE key = $3::text) ON CONFLICT (key) DO NOTHING
                      RETURNING generation, data_date, body)
    SELECT generation::text, data_date, body, true AS owned FROM read_models WHERE key = $3::text AND EXISTS (SELECT 1 FROM owned)
    UNION ALL SELECT generation::text, data_date, body, true FROM created
    UNION ALL SELECT NULL, NULL, NULL, EXISTS (SELECT 1 FROM owned)`;
  const params = [portfolioId, userId, portfolioKey(portfolioId)];
  let rows = (await queryWithSignal<StoredRow & { owned: boolean }>(getPool(), sql, params, signal)).rows;
  // A concurrent first read created the row after this statement's snapshot: its insert did nothing and its select
  // could not see the row yet. The next statement sees it.
  if (rows[0].generation === null && rows[0].owned) rows = (await queryWithSignal<StoredRow & { owned: boolean }>(getPool(), sql, params, signal)).rows;
  return rows[0].generation !== null ? toStored(rows[0]) : null;
}

/**
 * The generation of the portfolio's stored answer, which is what its rendered page was drawn from: it changes with
 * every row the page shows, the owner's saved scenarios included (a trigger), and never repeats. Null when the user
 * does not own the live portfolio or its answer is not stored (never computed since the last change, or an onboarding
 * under way): such a page is rendered afresh.
 */
export async function readPortfolioPageVersion(portfolioId: string, userId: string, signal?: AbortSignal): Promise<string | null> {
  const { rows } = await queryWithSignal<{ generation: string }>(getPool(), `
    SELECT m.generation::text AS generation
      FROM portfolios p JOIN read_models m ON m.key = $3
     WHERE p.id = $1 AND p.user_id = $2 AND p.deleted_at IS NULL AND m.body IS NOT NULL`,
  [portfolioId, userId, portfolioKey(portfolioId)], signal);
  return rows[0]?.generation ?? null;
}

interface StoredRow {
  generation: string | null;
  data_date: string | null;
  body: string | null;
}

const toStored = (row: StoredRow): StoredReadModel => ({ generation: row.generation!, dataDate: row.data_date, bodyJson: row.body });

/**
 * Stores a computed answer (JSON text) under the generation its read started from; false when the rows changed
 * meanwhile.
 */
export async function storePortfolioReadModel(portfolioId: string, generation: string, dataDate: string | null, bodyJson: string): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE read_models SET body = $3, data_date = $4, computed_at = now() WHERE key = $1 AND generation = $2::bigint`,
    [portfolioKey(portfolioId), generation, bodyJson, dataDate]);
  return rowCount === 1;
}

/** A global read model (admin views): the stored row of `key`, created when missing. */
export async function readGlobalReadModel(key: string, signal?: AbortSignal): Promise<StoredReadModel> {
  const sql = `
    WITH created AS (INSERT INTO read_models (key) SELECT $1::text WHERE NOT EXISTS (SELECT 1 FROM read_models WHERE key = $1::text)
                      ON CONFLICT (key) DO NOTHING RETURNING generation, data_date, body)
    SELECT generation::text, data_date, body FROM read_models WHERE key = $1::text
    UNION ALL SELECT generation::text, data_date, body FROM created`;
  let rows = (await queryWithSignal<StoredRow>(getPool(), sql, [key], signal)).rows;
  // A concurrent first read created the row after this statement's snapshot (see readPortfolioReadModel).
  if (rows.length === 0) rows = (await queryWithSignal<StoredRow>(getPool(), sql, [key], signal)).rows;
  return toStored(rows[0]);
}

export async function storeGlobalReadModel(key: string, generation: string, dataDate: string | null, bodyJson: string): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE read_models SET body = $3, data_date = $4, computed_at = now() WHERE key = $1 AND generation = $2::bigint`,
    [key, generation, bodyJson, dataDate]);
  return rowCount === 1;
}

/**
 * The portfolios' rows changed (a phase wrote them, a date was cleared): their read models and every global one
 * (admin views aggregate portfolios) get a new generation. Rows are locked in key order so writers cannot deadlock.
 */
export async function invalidatePortfolioReadModels(portfolioIds: readonly string[] | "all", db: Queryable = getPool()): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE read_models m SET generation = nextval('read_model_generation'), body = NULL
      WHERE m.key IN (SELECT r.key FROM read_models r WHERE $1::boolean OR r.portfolio_id = ANY($2::uuid[]) OR r.portfolio_id IS NULL
                       ORDER BY r.key FOR UPDATE)`,
    [portfolioIds === "all", portfolioIds === "all" ? [] : [...portfolioIds]]);
  return rowCount ?? 0;
}

/**
 * A query that is cancelled on the server when `signal` aborts, so a request whose client went away stops its
 * database work. Rejects with the signal's reason.
 */
export async function queryWithSignal<Row extends pg.QueryResultRow>(pool: pg.Pool, text: string, values: unknown[], signal?: AbortSignal): Promise<pg.QueryResult<Row>> {
  if (!signal) return pool.query<Row>(text, values);
  signal.throwIfAborted();
  const client = await pool.connect();
  let cancelling: Promise<void> | null = null;
  const cancel = () => {
    cancelling = sendCancelRequest(client);
  };
  signal.addEventListener("abort", cancel, { once: true });
  try {
    return await client.query<Row>(text, values);
  } catch (error) {
    throw signal.aborted ? signal.reason ?? error : error;
  } finally {
    signal.removeEventListener("abort", cancel);
    // The connection goes back only after the cancel landed, so it can never cancel the next borrower's query.
    if (cancelling) await cancelling;
    client.release();
  }
}

interface BackendKey {
  processID: number | null;
  secretKey: number | null;
  connectionParameters: { host: string; port: number };
}

/**
 * PostgreSQL's own cancel request (what psql's Ctrl-C sends): a fresh socket carrying the backend's pid and secret
 * key, no login and no pooled connection — a cancel that waited for a pooled connection could wait forever when
 * every connection belongs to an abandoned request. Settles within 2 s whatever happens.
 */
function sendCancelRequest(client: pg.PoolClient): Promise<void> {
  const { processID, secretKey, connectionParameters } = client as unknown as BackendKey;
  if (processID === null || secretKey === null) return Promise.resolve();
  return new Promise((resolve) => {
    const { host, port } = connectionParameters;
    const socket = host.startsWith("/") ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(2_000, done);
    socket.once("error", done);
    socket.once("close", done);
    socket.once("connect", () => {
      const message = Buffer.alloc(16);
      message.writeInt32BE(16, 0);
      message.writeInt32BE(80877102, 4); // the CancelRequest code
      message.writeInt32BE(processID, 8);
      message.writeInt32BE(secretKey, 12);
      socket.end(message);
    });
  });
}

/** The pool's `query`, each query cancelled when `signal` aborts (see queryWithSignal). */
export function poolWithSignal(signal?: AbortSignal): Pick<pg.Pool, "query"> {
  const pool = getPool();
  if (!signal) return pool;
  return { query: (text: string, values: unknown[]) => queryWithSignal(pool, text, values, signal) } as unknown as Pick<pg.Pool, "query">;
}
