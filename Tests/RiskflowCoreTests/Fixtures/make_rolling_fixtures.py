#!/usr/bin/env python3
"""Reference values for RiskflowCore's rolling windows and resampling, from pandas.

Run with the peers venv (../shared/peers/README.md):
  ~/.cache/riskflow-peers/bin/python Tests/RiskflowCoreTests/Fixtures/make_rolling_fixtures.py \
      > Tests/RiskflowCoreTests/Fixtures/rolling_pandas.json
The JSON is committed; the Swift tests never run Python.
"""
import json
import math
import sys

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261125)
cases = []

def add(name, x, windows):
    s = pd.Series(x, dtype="float64")
    out = {"name": name, "x": [None if math.isnan(v) else v for v in s.tolist()], "windows": {}}
    for w in windows:
        r = s.rolling(w)
        def clean(a):
            return [None if (isinstance(v, float) and math.isnan(v)) else float(v) for v in a.tolist()]
        # exact two-pass std as the accuracy reference (pandas' online std drifts ~1e-8)
        exact = [None] * len(x)
        for t in range(w - 1, len(x)):
            win = np.asarray(x[t - w + 1 : t + 1], dtype="float64")
            if not np.isnan(win).any() and w > 1:
                exact[t] = float(np.std(win, ddof=1))
        out["windows"][str(w)] = {
            "sum": clean(r.sum()), "mean": clean(r.mean()), "std": clean(r.std(ddof=1)),
            "min": clean(r.min()), "max": clean(r.max()), "std_exact": exact,
        }
    cases.append(out)

walk = 100.0 * np.exp(np.cumsum(rng.normal(0, 0.01, 500)))
add("random_walk", walk.tolist(), [1, 2, 5, 20, 63])
with_nans = walk.copy()
with_nans[[10, 11, 200, 350]] = np.nan
add("with_nans", with_nans.tolist(), [1, 3, 20])
big_offset = (1e9 + rng.normal(0, 1, 300)).tolist()
add("large_offset", big_offset, [2, 10, 50])
add("constant", [5.0] * 40, [1, 4, 10])
add("short", [1.0, 2.0, 3.0], [5])
add("ties", [3.0, 1.0, 3.0, 3.0, 2.0, 1.0, 1.0, 4.0, 4.0, 0.0], [2, 3])

# W-FRI resampling on real-looking mixed calendars
days = pd.date_range("2024-12-20", "2025-02-10", freq="D")
keep = [d for i, d in enumerate(days) if i % 3 != 1 and d != pd.Timestamp("2025-01-03")]
vals = rng.normal(0, 1, len(keep)).cumsum() + 50
ser = pd.Series(vals, index=pd.DatetimeIndex(keep))
wk = ser.resample("W-FRI").last().dropna()
me = ser.resample("ME").last().dropna()
resample = {
    "days": [d.strftime("%Y-%m-%d") for d in keep], "values": vals.tolist(),
    "weekly_days": [d.strftime("%Y-%m-%d") for d in wk.index], "weekly_values": wk.tolist(),
    "monthly_days": [d.strftime("%Y-%m-%d") for d in me.index], "monthly_values": me.tolist(),
}
json.dump({"pandas": pd.__version__, "cases": cases, "resample": resample}, sys.stdout)
