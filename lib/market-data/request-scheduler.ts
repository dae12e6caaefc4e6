import { errorMessage } from "../base/error-message";
/**
 * Runs provider requests with a concurrency limit, a minimum interval between request starts, a real per-request
 * timeout (the AbortSignal handed to the task is aborted) and retries with exponential backoff plus jitter.
 * Every outcome is a value: a `ProviderError` per call, never a thrown error.
 */
import pLimit, { type LimitFunction } from "p-limit";
import pRetry from "p-retry";
import type { ProviderError, ProviderErrorKind } from "./types";

export interface RequestPolicy {
  /** Requests in flight at once. */
  concurrency: number;
  /** Minimum milliseconds between two request starts (retries included). */
  minIntervalMs: number;
  /** Each attempt is aborted after this many milliseconds. */
  requestTimeoutMs: number;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Delay before the first retry; doubles per retry, times a random factor in [1, 2). */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

/** A classified failure of one attempt. `retryable` failures are retried until `maxAttempts`. */
export class ProviderFailure extends Error {
  override readonly name = "ProviderFailure";
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export type AttemptClassifier = (error: unknown) => ProviderFailure;

export type ScheduledResult<T> = { ok: true; value: T; attempts: number } | { ok: false; error: ProviderError };

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Settles with `promise`, or rejects as soon as `signal` aborts, even if the task ignores its signal. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function abortMessage(reason: unknown): string {
  return reason instanceof Error ? reason.message : `aborted: ${String(reason)}`;
}

export class RequestScheduler {
  private readonly limit: LimitFunction;
  /** When the last request actually started (ms since epoch), and the queue of requests waiting for their turn. */
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private startTurns: Promise<void> = Promise.resolve();

  constructor(
    private readonly policy: RequestPolicy,
    private readonly classify: AttemptClassifier,
  ) {
    if (!(policy.concurrency >= 1)) throw new Error(`RequestScheduler requires concurrency >= 1, got ${policy.concurrency}`);
    if (!(policy.maxAttempts >= 1)) throw new Error(`RequestScheduler requires maxAttempts >= 1, got ${policy.maxAttempts}`);
    this.limit = pLimit(policy.concurrency);
  }

  /** Runs `task` (one request) under the policy. `outer` aborts every attempt and any pending backoff. */
  async run<T>(task: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<ScheduledResult<T>> {
    let attempts = 0;
    try {
      const value = await pRetry(
        () =>
          this.limit(async () => {
            await this.waitForStartSlot(outer);
            attempts += 1;
            return this.runAttempt(task, outer);
          }),
        {
          retries: this.policy.maxAttempts - 1,
          factor: 2,
          minTimeout: this.policy.retryBaseDelayMs,
          maxTimeout: this.policy.retryMaxDelayMs,
          randomize: true,
          signal: outer,
          shouldRetry: ({ error }) => error instanceof ProviderFailure && error.retryable && !outer?.aborted,
        },
      );
      return { ok: true, value, attempts };
    } catch (error) {
      return { ok: false, error: { ...this.toFailure(error, outer), attempts } };
    }
  }

  private toFailure(error: unknown, outer?: AbortSignal): { kind: ProviderErrorKind; message: string } {
    if (outer?.aborted) return { kind: "timed_out", message: abortMessage(outer.reason) };
    if (error instanceof ProviderFailure) return { kind: error.kind, message: error.message };
    return { kind: "provider_error", message: errorMessage(error) };
  }

  private async runAttempt<T>(task: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
    const timeout = new AbortController();
    const timeoutMs = this.policy.requestTimeoutMs;
    const timer = setTimeout(
      () => timeout.abort(new Error(`request timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const signal = outer ? AbortSignal.any([timeout.signal, outer]) : timeout.signal;
    try {
      return await raceAbort(task(signal), signal);
    } catch (error) {
      if (outer?.aborted) throw new ProviderFailure("timed_out", abortMessage(outer.reason), false);
      if (timeout.signal.aborted) throw new ProviderFailure("timed_out", abortMessage(timeout.signal.reason), false);
      throw error instanceof ProviderFailure ? error : this.classify(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits until at least `minIntervalMs` after the previous request actually started. Turns are taken one at a time,
   * so a late timer (a busy event loop) delays the next start instead of letting two starts bunch together.
   */
  private async waitForStartSlot(outer?: AbortSignal): Promise<void> {
    outer?.throwIfAborted();
    const turn = this.startTurns.then(async () => {
      outer?.throwIfAborted();
      const waitMs = this.lastStartAt + this.policy.minIntervalMs - Date.now();
      if (waitMs > 0) await sleep(waitMs, outer);
      this.lastStartAt = Date.now();
    });
    this.startTurns = turn.catch(() => undefined);
    await turn;
  }
}
