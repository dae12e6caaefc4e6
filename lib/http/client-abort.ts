import type { ServerResponse } from "node:http";

/**
 * Runs a stored answer's work with a signal that aborts when the client leaves before the answer is finished (the
 * signal reaches `pg` as a query cancel). Resolves to what `work` resolves to; when it throws, to true after the
 * client left (the connection is closed: nobody reads an answer) and otherwise to false, so Next answers (and logs) it.
 */
export async function answerWhileClientWaits<T>(response: ServerResponse, work: (signal: AbortSignal) => Promise<T | boolean>): Promise<T | boolean> {
  const abort = new AbortController();
  const onClose = () => {
    if (!response.writableFinished) abort.abort();
  };
  response.once("close", onClose);
  try {
    return await work(abort.signal);
  } catch {
    if (!abort.signal.aborted) return false;
    response.destroy();
    return true;
  } finally {
    response.off("close", onClose);
  }
}
