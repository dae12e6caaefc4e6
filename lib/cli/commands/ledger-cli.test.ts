/**
 * The command line is a complete way in: `db seed --demo`, `portfolio import|show`, `batch status --json`, `audit`
 * and `batch clear`, through the real CLI on a test database; a hostile import is refused with a sentence per field.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { spawnCli } from "../../testing/batch-proof";
import { getPool } from "../../db/client";
import { buildSymbolData } from "../../testing/ledger-fixtures";
import { useTestDatabase } from "../../testing/test-database";

const [D1, D2, D3] = ["2025-11-17", "2025-11-18", "2025-11-19"];
const DEMO_EMAIL = "demo@factorwatch.local";

const database = useTestDatabase();
let dir: string;
const run = (args: string[]) => spawnCli(args, database.url, { FACTORWATCH_DEMO_PASSWORD: "demo-password-1", FACTORWATCH_ADMIN_PASSWORD: "admin-password-1" }).done;
const lastLine = (text: string) => text.trim().split("\n").at(-1)!;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "factorwatch-cli-"));
  await buildSymbolData([D1, D2, D3], ["CRM", "AAPL"]);
}, 120_000);

describe("the ledger command line", () => {
  let portfolioId: string;

  it("db seed --demo creates the demo logins and the demo book", async () => {
    const seeded = await run(["db", "seed", "--demo"]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/created 2 demo portfolios \(inception \d{4}-\d{2}-\d{2}\)/);
    const { rows } = await getPool().query(`SELECT p.name FROM portfolios p JOIN users u ON u.id = p.user_id WHERE u.email = $1 ORDER BY 1`, [DEMO_EMAIL]);
    expect(rows.map((row) => row.name)).toEqual(["Family Balanced", "Tech Long/Short"]);
  }, 60_000);

  it("portfolio import creates the portfolio from a CSV, computes its chain and prints its id last; show prints the ledger", async () => {
    const file = path.join(dir, "book.csv");
    // RFC 4180: the private asset's name holds a comma and doubled quotes inside its quoted cell.
    writeFileSync(file, `symbol,quantity,entry_price,entry_date,position_type,investment_class\nCRM,100,50,${D1}\nAAPL,20,180,${D2}\n"Acme ""Private"" Credit Fund II, L.P.",1,2500,${D1},LONG,PRIVATE\n`);
    const imported = await run(["portfolio", "import", "--owner", DEMO_EMAIL, "--name", "CLI book", "--equity", "10000", "--inception", D1, "--file", file, "--json"]);
    expect(imported.code, imported.stderr).toBe(0);
    portfolioId = (JSON.parse(lastLine(imported.stdout)) as { id: string }).id;
    expect(portfolioId).toMatch(/^[0-9a-f-]{36}$/);
    const named = await getPool().query(`SELECT symbol, display_name FROM positions WHERE portfolio_id = $1 AND investment_class = 'PRIVATE'`, [portfolioId]);
    expect(named.rows).toEqual([{ symbol: expect.stringMatching(/^PRIV_ACME_PRIVATE_CREDI_[0-9A-F]{8}$/), display_name: 'Acme "Private" Credit Fund II, L.P.' }]);

    const shown = await run(["portfolio", "show", portfolioId, "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
    const report = JSON.parse(shown.stdout);
    expect(report).toMatchObject({ id: portfolioId, name: "CLI book", inceptionDate: D1, startingEquity: 10_000, owner: DEMO_EMAIL });
    expect(report.snapshots.map((s: { date: string; complete: boolean }) => [s.date, s.complete])).toEqual([[D1, true], [D2, true], [D3, true]]);
    expect(report.snapshots[0]).toMatchObject({ equity: 10_000, dailyPnl: 0, cumulativePnl: 0 });
    expect(report.currentEquity).toBe(report.snapshots[2].equity);
    expect(report.exposures.date).toBe(D3);
    expect(report.exposures.factors.length).toBeGreaterThan(0);
    expect(report.stress).toMatchObject({ date: D3, scenarios: expect.any(Number) });
  }, 60_000);

  it("batch status --json lists the runs with their phases; audit is clean (exit 0)", async () => {
    const status = await run(["batch", "status", "--json", "--limit", "3"]);
    expect(status.code, status.stderr).toBe(0);
    const runs = JSON.parse(status.stdout) as { jobType: string; status: string; triggeredBy: string; calcDates: string[]; failureReason: string | null; phases: { date: string; phase: string; status: string; itemsDone: number; itemsFailed: number; errors: unknown[] }[] }[];
    expect(runs[0]).toMatchObject({ jobType: "onboarding", status: "completed", triggeredBy: "onboarding", failureReason: null });
    expect(runs[0].phases.map((phase) => phase.phase)).toEqual(["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"]);
    expect(runs[0].phases[0]).toMatchObject({ date: D3, status: "completed", itemsDone: 1, itemsFailed: 0, errors: [] });

    const audit = await run(["audit", "--json"]);
    expect(audit.code, audit.stdout).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ clean: true, violations: [], checked: { snapshots: 3 } });
  }, 60_000);

  it("batch clear shows a dry run, clears with --yes, audit then reports the hole (exit 1) until a backfill refills and restates", async () => {
    const dry = await run(["batch", "clear", "--date", D2, "--phase", "phase_4_pnl"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^would clear \d+ row\(s\) of 2025-11-18 \(phase_4_pnl\):/m);
    expect(dry.stdout).toMatch(/^  portfolio_snapshots +1$/m);
    expect(dry.stdout).toMatch(/^  stress_test_summaries +1$/m);
    expect((await getPool().query(`SELECT count(*)::int AS n FROM portfolio_snapshots WHERE snapshot_date = $1`, [D2])).rows[0].n).toBe(1);

    const cleared = await run(["batch", "clear", "--date", D2, "--phase", "phase_4_pnl", "--yes", "--json"]);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ date: D2, dryRun: false, rows: { portfolio_snapshots: 1 } });

    const broken = await run(["audit", "--json"]);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).violations).toContainEqual(expect.objectContaining({ check: "chain", portfolioId, date: D2 }));
    const human = await run(["audit"]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/hole: no complete snapshot on 2025-11-18/);

    const refill = await run(["batch", "backfill", "--from", D2, "--to", D2, "--reprocess", "missing"]);
    expect(refill.code, refill.stderr + refill.stdout).toBe(0);
    // stderr is a pipe here, not a terminal: progress arrives as whole lines, never carriage returns.
    expect(refill.stderr).not.toContain("\r");
    expect(refill.stderr).toMatch(/^ {2}\d{4}-\d{2}-\d{2} phase_\w+ +\d+\/\d+$/m);
    expect((await run(["audit"])).code).toBe(0);
  }, 120_000);

  it("refuses a hostile import with one sentence per bad field and exit code 2, creating nothing", async () => {
    const file = path.join(dir, "hostile.csv");
    writeFileSync(file, `symbol,quantity,entry_price,entry_date\nAAPL,1000000,180,${D1}\nAAPL,2000000000,180,${D1}\nCRM,10,99999999,${D1}\n`);
    const refused = await run(["portfolio", "import", "--owner", DEMO_EMAIL, "--name", "Hostile", "--equity", "0.01", "--inception", D1, "--file", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file} row 3: quantity must be at most 1,000,000,000 (long or short).`);
    expect(refused.stderr).toContain(`${file} row 4: entry price must be at most 10,000,000.`);
    expect(refused.stderr).toContain("--equity: starting equity must be at least 1.");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM portfolios WHERE name = 'Hostile'`);
    expect(rows[0].n).toBe(0);
    const unknownOwner = await run(["portfolio", "show", "not-a-uuid"]);
    expect(unknownOwner).toMatchObject({ code: 2, stderr: 'error: A portfolio id is a UUID, got "not-a-uuid".\n' });
  }, 60_000);
});
