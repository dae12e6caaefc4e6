import type { IncomingMessage, ServerResponse } from "node:http";

export function resolveMaxInFlight(env?: Record<string, string | undefined>, fallback?: number): number;
export function createInFlightLimit(options: { max: number; retryAfterSeconds?: number }): {
  run(request: IncomingMessage, response: ServerResponse, work: () => Promise<unknown> | unknown): void;
  stats(): { inFlight: number; refused: number; dropped: number; max: number };
};
