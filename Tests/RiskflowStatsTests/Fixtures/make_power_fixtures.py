"""Reference values for Power.swift, Resampling+TwoSided.swift and Granger+HAC.swift,
computed with scipy/statsmodels from the definitions (run with the peers' venv:
~/.cache/riskflow-peers/bin/python make_power_fixtures.py > power_reference.json)."""
import itertools, json, math
import numpy as np
from scipy import stats, optimize
import statsmodels.api as sm

out = {"ncf_mde": [], "binomtest": [], "relabel": [], "hac": [], "ncf_cdf": []}
for u, v, alpha in [(1, 1200, 0.05 / 6), (4, 570, 0.05 / 6), (13, 300, 0.05), (2, 40, 0.01)]:
    crit = stats.f.isf(alpha, u, v)
    power = lambda f2: 1 - stats.ncf.cdf(crit, u, v, f2 * (u + v + 1))
    f2 = optimize.brentq(lambda f2: power(f2) - 0.8, 1e-8, 2.0, xtol=1e-14)
    out["ncf_mde"].append({"u": u, "v": v, "alpha": alpha, "mde_partial_r2": f2 / (1 + f2),
                           "power_at_r2_002": power(0.02 / 0.98), "crit": crit})
for x, u, v, lam in [(2.5, 3, 50, 4.0), (1.0, 1, 1000, 30.0), (7.0, 13, 300, 120.0)]:
    out["ncf_cdf"].append({"x": x, "u": u, "v": v, "lambda": lam, "cdf": stats.ncf.cdf(x, u, v, lam)})
for k, n, p in [(0, 4, 1 / 6), (3, 4, 1 / 6), (2, 10, 1 / 6), (7, 24, 1 / 24), (1, 6, 1 / 6), (5, 8, 0.5)]:
    out["binomtest"].append({"k": k, "n": n, "p": p, "pvalue": stats.binomtest(k, n, p).pvalue})
for a, b in [([0.5, 1.2], [-0.3, 0.1]), ([0.9, -0.2, 0.4], [0.1, 0.3, -0.5, 0.05])]:
    pooled = a + b
    obs = abs(np.mean(a) - np.mean(b))
    hits = total = 0
    for idx in itertools.combinations(range(len(pooled)), len(a)):
        ga = [pooled[i] for i in idx]
        gb = [pooled[i] for i in range(len(pooled)) if i not in idx]
        total += 1
        if abs(np.mean(ga) - np.mean(gb)) >= obs - 1e-12 * max(1, obs):
            hits += 1
    out["relabel"].append({"a": a, "b": b, "p": hits / total, "relabellings": total})
t = np.arange(300, dtype=float)
x = np.sin(0.37 * t) + 0.5 * np.cos(1.91 * t) + 0.2 * np.sin(0.05 * t * t)
y = np.zeros(300)
for i in range(1, 300):
    y[i] = 0.03 * x[i - 1] + 0.8 * np.sin(2.3 * i) + 0.1 * np.cos(0.11 * i * i) + 0.2 * y[i - 1]
for lag in [1, 2, 4]:
    m = len(x) - lag
    cols = [np.ones(m)] + [y[lag - l:len(y) - l] for l in range(1, lag + 1)] + [x[lag - l:len(x) - l] for l in range(1, lag + 1)]
    X = np.column_stack(cols)
    L = int(math.floor(4 * (m / 100) ** (2 / 9)))
    res = sm.OLS(y[lag:], X).fit(cov_type="HAC", cov_kwds={"maxlags": L})
    R = np.zeros((lag, X.shape[1]))
    for j in range(lag):
        R[j, 1 + lag + j] = 1
    w = res.wald_test(R, scalar=True)
    out["hac"].append({"lag": lag, "maxlags": L, "chi2": float(w.statistic), "p": float(w.pvalue)})
out["r2_interval"] = []
for F, u, v in [(3.357, 2, 570), (0.984, 4, 1216), (12.0, 1, 60)]:
    def lam(target):
        g = lambda l: stats.ncf.cdf(F, u, v, l) - target if l > 0 else stats.f.cdf(F, u, v) - target
        if g(0) <= 0:
            return 0.0
        return optimize.brentq(g, 0, 1e4, xtol=1e-13)
    r2 = lambda l: (l / (u + v + 1)) / (1 + l / (u + v + 1))
    out["r2_interval"].append({"f": F, "u": u, "v": v, "low": r2(lam(0.975)), "high": r2(lam(0.025))})
print(json.dumps(out, indent=1))
