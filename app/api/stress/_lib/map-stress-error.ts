import "server-only";
import { HttpError } from "@/app/_lib/route";
import { StressRequestError } from "@/lib/batch/stress-explain";

/** Runs a stress call; its request errors become 404 (nothing the viewer may see) or 422 (a sentence on the input). */
export async function mapStressErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StressRequestError) throw new HttpError(error.kind === "not_found" ? 404 : 422, error.message);
    throw error;
  }
}
