/**
 * How an API error names the field of a list item: "positions.4.entryPrice" reads "Position 5, entry price" (rows
 * counted from 1, fields in words). Paths without a list index keep their dotted form.
 */
export function describeIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "input";
  if (!path.some((key) => typeof key === "number")) return path.map(String).join(".");
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key === "number") {
      const list = String(path[i - 1] ?? "item");
      const singular = list.endsWith("s") ? list.slice(0, -1) : list;
      parts.pop();
      parts.push(`${singular.charAt(0).toUpperCase()}${singular.slice(1)} ${key + 1}`);
    } else parts.push(String(key).replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase());
  });
  return parts.join(", ");
}
