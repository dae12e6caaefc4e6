/** Rows grouped by their portfolio, each group in the rows' order; O(n). */
export function groupByPortfolio<Row>(rows: readonly Row[], portfolioIdOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = portfolioIdOf(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}
