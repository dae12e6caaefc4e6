/**
 * `npm start` runs the nightly in its own process, beside the web server processes: that process and, on the
 * embedded database (same machine), the PostgreSQL backends of its connections run at a lower CPU priority, so the
 * kernel serves the dashboard's reads first when both want the two cores.
 */
import { setPriority } from "node:os";
import { onNewConnection } from "../db/client";

export const BATCH_NICE = 10;

export function lowerBatchPriority(options: { localDatabase: boolean }, nice = BATCH_NICE): void {
  try {
    setPriority(nice);
  } catch {
    // not permitted here: the batch keeps the default priority
  }
  if (!options.localDatabase) return;
  onNewConnection((client) => {
    const backendPid = (client as unknown as { processID?: number }).processID;
    try {
      if (backendPid) setPriority(backendPid, nice);
    } catch {
      // a backend of another user we may not renice: it keeps its priority
    }
  });
}
