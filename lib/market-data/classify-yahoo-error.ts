import { errorMessage } from "../base/error-message";
/**
 * Turns whatever one yahoo-finance2 call threw into a typed, retry-aware `ProviderFailure`.
 * The library exports no error classes, so library errors are matched on `name` and message.
 */
import { YahooHttpError, YahooNetworkError } from "./create-yahoo-fetch";
import { ProviderFailure } from "./request-scheduler";

const NOT_FOUND_MESSAGE = /not found|no data found|delisted|no fundamentals data/i;

function classifyHttpStatus(error: YahooHttpError): ProviderFailure {
  const { status, message } = error;
  if (status === 404) return new ProviderFailure("not_found", message, false);
  if (status === 429) return new ProviderFailure("rate_limited", message, true);
  if (status >= 500) return new ProviderFailure("provider_error", message, true);
  return new ProviderFailure("provider_error", message, false);
}

export function classifyYahooError(error: unknown): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  if (error instanceof YahooHttpError) return classifyHttpStatus(error);
  if (error instanceof YahooNetworkError) return new ProviderFailure("network", error.message, true);
  const name = error instanceof Error ? error.name : "";
  const message = errorMessage(error);
  if (name === "FailedYahooValidationError") {
    return new ProviderFailure("invalid_data", `response failed schema validation: ${message}`, false);
  }
  if (/where we expect JSON|not parsable|Unexpected token|JSON/i.test(message)) {
    return new ProviderFailure("invalid_data", message.slice(0, 300), false);
  }
  if (NOT_FOUND_MESSAGE.test(message)) return new ProviderFailure("not_found", message, false);
  return new ProviderFailure("provider_error", message.slice(0, 300), false);
}
