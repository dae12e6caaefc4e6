/**
 * Demo data and the catch-up batch for `start`. The demo portfolios and the nightly catch-up are added by the
 * market-data and orchestration work; until then this only reports that there is nothing to prepare.
 */
export async function prepareDemo(options: { log: (line: string) => void; runBatch: boolean }): Promise<void> {
  void options;
}
