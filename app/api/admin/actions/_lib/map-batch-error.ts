import "server-only";
import { HttpError } from "@/app/_lib/route";
import { BatchInputError } from "@/lib/batch/run-plans";
import { RunRefusedError } from "@/lib/db/batch-runs";

/** The lead's batch errors → HTTP: bad input 422, a run of that job type already running 409. */
export async function mapBatchErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BatchInputError) throw new HttpError(422, error.message);
    if (error instanceof RunRefusedError) throw new HttpError(409, error.message);
    throw error;
  }
}
