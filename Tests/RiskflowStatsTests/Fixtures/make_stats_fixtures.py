#!/usr/bin/env python3
"""Reference values for RiskflowStats from scipy 1.17 and statsmodels 0.15.

Run from the package root with the peers venv (../shared/peers/README.md):
  ~/.cache/riskflow-peers/bin/python Tests/RiskflowStatsTests/Fixtures/make_stats_fixtures.py
It writes distributions_scipy.json and statsmodels.json beside this script. The JSON is
committed; the Swift tests never run Python. Real-data cases use the peers' own loading
and alignment (`_common.aligned_returns`) on the package's bundled snapshot.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PEERS = os.path.abspath(os.path.join(ROOT, "..", "shared", "peers"))
sys.path.insert(0, PEERS)
warnings.simplefilter("ignore")

from statsmodels.tsa.api import VAR  # noqa: E402
from statsmodels.tsa.stattools import adfuller, grangercausalitytests  # noqa: E402
import _common  # noqa: E402


def f(v):
    v = float(v)
    return v if math.isfinite(v) else None


# --- distributions ---------------------------------------------------------------
dist = {"normal": [], "t": [], "f": [], "chi2": []}
for x in [-40, -20, -8.5, -3, -1, -0.1, 0, 0.1, 1, 3, 8.5, 20, 37]:
    dist["normal"].append({"x": x, "cdf": f(stats.norm.cdf(x)), "sf": f(stats.norm.sf(x))})
for df in [1, 2.5, 5, 30, 1000, 1e5]:
    for t in [-3, 0, 0.5, 1, 2, 5, 10, 50, 1e3, 1e6]:
        dist["t"].append({"df": df, "t": t, "sf": f(stats.t.sf(t, df)), "cdf": f(stats.t.cdf(t, df))})
for d1, d2 in [(1, 1), (1, 10), (3, 100), (8, 5000), (2, 3.5), (50, 50), (4, 20000), (16, 1500)]:
    for x in [0.001, 0.1, 0.5, 1, 3, 10, 100, 1e4, 1e8]:
        dist["f"].append({"d1": d1, "d2": d2, "x": x, "sf": f(stats.f.sf(x, d1, d2)), "cdf": f(stats.f.cdf(x, d1, d2))})
for df in [1, 2, 5, 8, 30, 100]:
    for x in [0.01, 0.5, 1, 5, 20, 100, 500, 1300]:
        dist["chi2"].append({"df": df, "x": x, "sf": f(stats.chi2.sf(x, df)), "cdf": f(stats.chi2.cdf(x, df))})
with open(os.path.join(HERE, "distributions_scipy.json"), "w") as fh:
    json.dump(dist, fh)

# --- statsmodels cases ---------------------------------------------------------------
rng = np.random.default_rng(20261125)


def granger(x, y, maxlag):
    res = grangercausalitytests(np.column_stack([y, x]), maxlag=maxlag, addconst=True)
    out = []
    for lag in range(1, maxlag + 1):
        r, (down, joint, _) = res[lag]
        out.append({
            "lag": lag, "nobs": int(down.nobs), "ssr_r": f(down.ssr), "ssr_u": f(joint.ssr),
            "f": f(r["ssr_ftest"][0]), "p": f(r["ssr_ftest"][1]), "df_denom": int(r["ssr_ftest"][2]),
            "df_num": int(r["ssr_ftest"][3]), "chi2": f(r["ssr_chi2test"][0]), "chi2_p": f(r["ssr_chi2test"][1]),
            "lr": f(r["lrtest"][0]), "lr_p": f(r["lrtest"][1]), "params_f": f(r["params_ftest"][0]),
            "params_p": f(r["params_ftest"][1]),
        })
    return out


def var_order(x, y, maxlag):
    sel = VAR(np.column_stack([y, x])).select_order(maxlags=maxlag, trend="c")
    return {"selected": {k: int(v) for k, v in sel.selected_orders.items()},
            "ics": {k: [f(v) for v in vals] for k, vals in sel.ics.items()}}


def adf(x):
    r = adfuller(x, regression="c", autolag="AIC", result_object=True)
    return {"stat": f(r.statistic), "p": f(r.pvalue), "usedlag": int(r.lags), "nobs": int(r.nobs),
            "crit": {k: f(v) for k, v in r.critical_values.items()}, "icbest": f(r.icbest)}


def xcorr(x, y, k):
    import pandas as pd
    df = pd.DataFrame({"x": x, "y": y})
    out = []
    for lag in range(-k, k + 1):
        r = df.x.corr(df.y.shift(-lag))
        out.append({"lag": lag, "r": f(r), "n": int(len(x) - abs(lag))})
    return out


def case(name, x, y, maxlag, var_maxlag, xcorr_lags=10, adf_on=True):
    c = {"name": name, "x": [float(v) for v in x], "y": [float(v) for v in y], "maxlag": maxlag}
    c["x_to_y"] = granger(x, y, maxlag)
    c["y_to_x"] = granger(y, x, maxlag)
    c["var_maxlag"] = var_maxlag
    c["var"] = var_order(x, y, var_maxlag)
    c["xcorr_lags"] = xcorr_lags
    c["xcorr"] = xcorr(x, y, xcorr_lags)
    if adf_on:
        c["adf_x"] = adf(x)
        c["adf_y"] = adf(y)
    return c


cases = []
n = 500
e1, e2 = rng.normal(size=n), rng.normal(size=n)
x = e1
y = np.zeros(n)
for t in range(1, n):
    y[t] = 0.3 * x[t - 1] + 0.2 * y[t - 1] + e2[t]
cases.append(case("synthetic_x_causes_y", x, y, 5, 6))

walk = np.cumsum(rng.normal(size=300)) + 50
cases.append(case("random_walk_levels", walk, np.cumsum(rng.normal(size=300)), 3, 4))

small_x, small_y = rng.normal(size=20), rng.normal(size=20)
cases.append(case("tiny_sample", small_x, small_y, 3, 2, xcorr_lags=5))

nx = rng.normal(size=2000)
ny = np.r_[0.0, nx[:-1]] + 1e-3 * rng.normal(size=2000)
cases.append(case("p_below_1e100", nx, ny, 2, 2))

base = rng.normal(size=400)
near = base + 1e-6 * rng.normal(size=400)
cases.append(case("near_singular", near, base, 2, 2, adf_on=False))

for sym_x, sym_y, freq in [("RUT", "ETH", "W"), ("RUT", "BTC", "D")]:
    px, _ = _common.load_series(os.path.join(ROOT, "Sources/RiskflowData/Snapshot/prices", sym_x + ".csv"))
    py, _ = _common.load_series(os.path.join(ROOT, "Sources/RiskflowData/Snapshot/crypto", sym_y + ".csv"))
    d = _common.aligned_returns(px, py, freq, "log", "returns")
    c = case(f"{sym_x}_{sym_y}_{freq}_log_returns", d.x.values, d.y.values, 8, 8, xcorr_lags=20)
    c["dates"] = [_common.fmt_date(t) for t in d.index]
    cases.append(c)

import statsmodels
import scipy
with open(os.path.join(HERE, "statsmodels.json"), "w") as fh:
    json.dump({"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "cases": cases}, fh)
print("ok", [c["name"] for c in cases])
