import { backfillRequested } from "./functions/backfill-requested";
import { executeRun } from "./functions/execute-run";
import { nightlyBatch } from "./functions/nightly-batch";
import { nightlyCron } from "./functions/nightly-cron";
import { phaseRerun } from "./functions/phase-rerun";
import { symbolOnboard } from "./functions/symbol-onboard";

export { inngest } from "./client";

export const functions = [nightlyCron, nightlyBatch, executeRun, phaseRerun, backfillRequested, symbolOnboard];
