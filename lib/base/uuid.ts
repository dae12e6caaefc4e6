const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` has the shape of a row id (a UUID). Ids of any other shape name no row: callers answer "not found"
 * without a query, and PostgreSQL never sees a value its uuid type would refuse with an error.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
