import type { IncomingMessage, ServerResponse } from "node:http";

export function resolveMaxInFlight(env?: Record<string, string | undefined>, fallback?: number): number;
export function createInFlightLimit(options: { max: number; retryAfterSeconds?: number }): {
  admit(request: IncomingMessage, response: ServerResponse): boolean;
  stats(): { inFlight: number; refused: number; max: number };
};
