"""The numpy floor of the factor math for `npm run bench`: the same 12 factors for the same synthetic panel, vectorised.

Reads the panel bench/factor-math.ts writes (little-endian: int32 symbol count S, int32 date count D, then the 8
regressor ETFs' prices and the S symbols' prices, D float64 each, ETFs in the order SPY, TLT, VTV, VUG, MTUM, QUAL,
IWM, USMV) and prints {"seconds": median of 5 timed runs after one warm-up, "pValues": "scipy" | "none"}. bench/factor-math.ts
runs it with OpenBLAS on one thread and on its default threads and keeps the faster (on a busy 2-core machine the
second BLAS thread often costs more than it gives).
Every symbol of the bench panel is priced on every date, so one design per family serves all of them: ridge on the
six style ETFs (population-σ z-scores, alpha 1, Cholesky solve of ZᵀZ + αI), univariate OLS on the four spreads
(180 returns), SPY and TLT (90 returns) with SE, t and the two-sided Student t p-value.
"""
import json
import sys
import time

import numpy as np

try:
    from scipy.special import stdtr
except ImportError:  # numpy alone: the p-values are left out and the output says so
    stdtr = None

ETFS = ["SPY", "TLT", "VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV"]
RIDGE = ["VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV"]
SPREADS = [("VUG", "VTV"), ("MTUM", "SPY"), ("IWM", "SPY"), ("QUAL", "SPY")]


def returns(prices, n):
    window = prices[:, -(n + 1):]
    return window[:, 1:] / window[:, :-1] - 1.0


def ols(x, y):
    """x: (n,), y: (S, n) → beta, r², se, t, p per row."""
    n = x.shape[0]
    d = x - x.mean()
    sxx = d @ d
    yc = y - y.mean(axis=1, keepdims=True)
    beta = (yc @ d) / sxx
    resid = yc - beta[:, None] * d[None, :]
    ssr = np.einsum("ij,ij->i", resid, resid)
    sst = np.einsum("ij,ij->i", yc, yc)
    se = np.sqrt(ssr / (n - 2) / sxx)
    t = beta / se
    p = 2.0 * stdtr(n - 2, -np.abs(t)) if stdtr is not None else None
    return beta, 1.0 - ssr / sst, se, t, p


def ridge(x, y, alpha=1.0):
    """x: (n, k), y: (S, n) → coefficients (S, k), r² (S,)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    z = (x - mean) / scale
    gram = z.T @ z
    lower = np.linalg.cholesky(gram + alpha * np.eye(x.shape[1]))
    yc = y - y.mean(axis=1, keepdims=True)
    rhs = z.T @ yc.T
    b = np.linalg.solve(lower.T, np.linalg.solve(lower, rhs))
    ssr = np.einsum("ij,ij->i", yc, yc) - 2 * np.einsum("ki,ki->i", b, rhs) + np.einsum("ki,kl,li->i", b, gram, b)
    return (b / scale[:, None]).T, 1.0 - ssr / np.einsum("ij,ij->i", yc, yc)


def factor_math(etf_prices, stock_prices):
    r90 = returns(stock_prices, 90)
    r180 = returns(stock_prices, 180)
    e90 = returns(etf_prices, 90)
    e180 = returns(etf_prices, 180)
    at = {etf: i for i, etf in enumerate(ETFS)}
    out = [ridge(e90[[at[e] for e in RIDGE]].T, r90)]
    out += [ols(e180[at[a]] - e180[at[b]], r180) for a, b in SPREADS]
    out += [ols(e90[at["SPY"]], r90), ols(e90[at["TLT"]], r90)]
    return out


def main():
    raw = open(sys.argv[1], "rb").read()
    symbols, dates = np.frombuffer(raw[:8], dtype="<i4")
    prices = np.frombuffer(raw[8:], dtype="<f8").reshape(len(ETFS) + symbols, dates)
    etf_prices, stock_prices = prices[: len(ETFS)], prices[len(ETFS):]
    factor_math(etf_prices, stock_prices)
    seconds = []
    for _ in range(5):
        started = time.perf_counter()
        factor_math(etf_prices, stock_prices)
        seconds.append(time.perf_counter() - started)
    print(json.dumps({"seconds": sorted(seconds)[2], "pValues": "scipy" if stdtr is not None else "none"}))


if __name__ == "__main__":
    main()
