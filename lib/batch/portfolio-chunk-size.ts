/** Portfolios per chunk of the portfolio phases (4 and 5): per write transaction and per multi-row statement. */
export const PORTFOLIO_CHUNK_SIZE = 2_000;
