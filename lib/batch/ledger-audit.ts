/**
 * The ledger's invariants, checked over the stored rows (`factorwatch audit`): every portfolio's snapshots form a
 * chain over NYSE trading days from its inception with no hole; the first day holds the declared equity and no P&L;
 * equity(D) = equity(prev) + daily P&L + capital flow and the cumulative fields add up, to the cent; every complete
 * snapshot has its coverage, exposures and stress computed from its latest revision; stress contributions sum to
 * their totals; current equity is the latest snapshot's.
 */
import { groupByPortfolio } from "../base/group-by-portfolio";
import {
  countActiveScenarios, listAuditPortfolios, listAuditSnapshots, listLatestSnapshots, listStressSumMismatches,
  type AuditPortfolioRow, type AuditSnapshotRow,
} from "../db/ledger-audit-rows";
import { isTradingDay, nextTradingDay } from "../base/calendar";

export interface AuditViolation {
  check: "chain" | "first-day" | "equity" | "cumulative" | "derived-rows" | "stress-sum" | "current-equity";
  portfolioId: string;
  date: string | null;
  message: string;
}

export interface AuditReport {
  clean: boolean;
  from: string | null;
  to: string | null;
  checked: { portfolios: number; snapshots: number; stressRows: number };
  violations: AuditViolation[];
}

const cents = (value: number) => Math.round(value * 100);
const usd = (value: number) => (cents(value) / 100).toFixed(2);
const chainStartOf = (portfolio: AuditPortfolioRow) => (isTradingDay(portfolio.inceptionDate) ? portfolio.inceptionDate : nextTradingDay(portfolio.inceptionDate));

function checkChain(portfolio: AuditPortfolioRow, rows: AuditSnapshotRow[], from: string | null, scenarios: number): AuditViolation[] {
  const violations: AuditViolation[] = [];
  const add = (check: AuditViolation["check"], date: string | null, message: string) => violations.push({ check, portfolioId: portfolio.id, date, message });
  const chainStart = chainStartOf(portfolio);
  let previous: AuditSnapshotRow | null = null;
  for (const row of rows) {
    const linkOnly = from !== null && row.date < from;
    if (!row.complete) {
      add("chain", row.date, `an incomplete snapshot is stored on ${row.date}`);
      continue;
    }
    if (!isTradingDay(row.date) || row.date < chainStart) {
      add("chain", row.date, `a snapshot is stored on ${row.date}, which is not a trading day of the chain starting ${chainStart}`);
      continue;
    }
    const expected = previous ? nextTradingDay(previous.date) : chainStart;
    if (row.date !== expected && !linkOnly) add("chain", expected, `hole: no complete snapshot on ${expected}, before the one on ${row.date}`);
    if (!linkOnly) {
      if (row.date === chainStart) {
        if (cents(row.equity) !== cents(portfolio.startingEquity) || cents(row.dailyPnl) !== 0 || cents(row.dailyFlow) !== 0) {
          add("first-day", row.date, `the inception day shows equity ${usd(row.equity)}, daily P&L ${usd(row.dailyPnl)} and flow ${usd(row.dailyFlow)}; expected the declared ${usd(portfolio.startingEquity)}, 0 and 0`);
        }
        if (cents(row.cumulativePnl) !== 0 || cents(row.cumulativeRealized) !== 0 || cents(row.cumulativeFlow) !== 0) {
          add("cumulative", row.date, "the inception day's cumulative P&L, realized P&L and flow must be 0");
        }
      } else if (previous && row.date === expected) {
        const rolled = cents(previous.equity) + cents(row.dailyPnl) + cents(row.dailyFlow);
        if (rolled !== cents(row.equity)) {
          add("equity", row.date, `equity ${usd(row.equity)} ≠ previous ${usd(previous.equity)} + daily P&L ${usd(row.dailyPnl)} + flow ${usd(row.dailyFlow)} = ${(rolled / 100).toFixed(2)}`);
        }
        const sums: [string, number, number, number][] = [
          ["P&L", row.cumulativePnl, previous.cumulativePnl, row.dailyPnl],
          ["realized P&L", row.cumulativeRealized, previous.cumulativeRealized, row.dailyRealized],
          ["capital flow", row.cumulativeFlow, previous.cumulativeFlow, row.dailyFlow],
        ];
        for (const [label, cumulative, before, daily] of sums) {
          if (cents(cumulative) !== cents(before) + cents(daily)) add("cumulative", row.date, `cumulative ${label} ${usd(cumulative)} ≠ previous ${usd(before)} + daily ${usd(daily)}`);
        }
      }
      if (row.exposuresRevision !== row.revision || row.stressRevision !== row.revision) {
        add("derived-rows", row.date, `exposures (revision ${row.exposuresRevision ?? "none"}) or stress (revision ${row.stressRevision ?? "none"}) were not computed from the snapshot's revision ${row.revision}`);
      } else if (row.equity > 0 && !row.hasCoverage) {
        add("derived-rows", row.date, "no factor coverage row for a complete snapshot");
      } else if (row.exposureRows > 0 && scenarios > 0 && row.stressRows === 0) {
        add("derived-rows", row.date, "factor exposures but no stress results");
      }
    }
    previous = row;
  }
  return violations;
}

export async function auditLedger(window: { from?: string | null; to?: string | null } = {}): Promise<AuditReport> {
  const from = window.from ?? null;
  const to = window.to ?? null;
  const [portfolios, snapshots, latest, stress, scenarios] = await Promise.all([
    listAuditPortfolios(), listAuditSnapshots(from, to), listLatestSnapshots(), listStressSumMismatches(from, to), countActiveScenarios(),
  ]);
  const byPortfolio = groupByPortfolio(snapshots, (row) => row.portfolioId);
  const violations: AuditViolation[] = [];
  for (const portfolio of portfolios) {
    violations.push(...checkChain(portfolio, byPortfolio.get(portfolio.id) ?? [], from, scenarios));
    const last = latest.get(portfolio.id);
    const expected = last ? last.equity : portfolio.startingEquity;
    if (cents(portfolio.currentEquity) !== cents(expected) || (last && portfolio.currentEquityDate !== last.date)) {
      violations.push({
        check: "current-equity", portfolioId: portfolio.id, date: last?.date ?? null,
        message: `current equity ${usd(portfolio.currentEquity)} (as of ${portfolio.currentEquityDate ?? "never"}) is not the latest snapshot's ${usd(expected)} (${last?.date ?? "no snapshot"})`,
      });
    }
  }
  for (const mismatch of stress.mismatches) violations.push({ check: "stress-sum", portfolioId: mismatch.portfolioId, date: mismatch.date, message: mismatch.message });
  return {
    clean: violations.length === 0, from, to,
    checked: { portfolios: portfolios.length, snapshots: snapshots.filter((row) => from === null || row.date >= from).length, stressRows: stress.checked },
    violations,
  };
}
