/** One unobtrusive line on every page when prices come from the simulated market rather than a real feed. */
export function MarketDataNotice({ provider }: { provider: "simulated" | "yahoo" }) {
  if (provider !== "simulated") return null;
  return (
    <p role="note" data-testid="market-data-notice" className="px-4 py-2 text-center text-xs text-slate-600">
      Market data is simulated: deterministic prices for every valid ticker, not real quotes.
    </p>
  );
}
