#!/usr/bin/env python3
"""Lead-lag speed: statsmodels vs riskflow on the same 5,000 rows, same run.

Usage (from Benchmarks/, after `swift build -c release`):
  ~/.cache/riskflow-peers/bin/python leadlag_peers.py [--rows 5000] [--window 260] [--sample-every 25]

Data: x ~ N(0, 0.01), y_t = 0.2 x_{t-1} + 0.1 y_{t-1} + N(0, 0.01), numpy seed 5000,
written to out/leadlag_<rows>.csv. Single analysis: grangercausalitytests both
directions, lags 1..8 + VAR(...).select_order(8, trend="c") + pandas cross-correlation
±20. Rolling: for each window of `--window` rows (step 1), Granger both directions lags
1..8 + the lag-0 correlation. statsmodels needs ~0.1 s per window, so it is timed on
every `--sample-every`-th window and the per-window time is scaled to all windows;
riskflow runs every window (`leadlag-timer`, release build).
"""
import argparse
import json
import os
import subprocess
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--window", type=int, default=260)
    ap.add_argument("--sample-every", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import pandas as pd
    from statsmodels.tsa.api import VAR
    from statsmodels.tsa.stattools import grangercausalitytests

    rng = np.random.default_rng(5000)
    n = a.rows
    x = rng.normal(0, 0.01, n)
    y = np.zeros(n)
    for t in range(1, n):
        y[t] = 0.2 * x[t - 1] + 0.1 * y[t - 1] + rng.normal(0, 0.01)
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    path = os.path.join(HERE, "out", f"leadlag_{n}.csv")
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", fmt="%.17g")

    def single():
        grangercausalitytests(np.column_stack([y, x]), maxlag=8)
        grangercausalitytests(np.column_stack([x, y]), maxlag=8)
        VAR(np.column_stack([y, x])).select_order(maxlags=8, trend="c")
        df = pd.DataFrame({"x": x, "y": y})
        [df.x.corr(df.y.shift(-k)) for k in range(-20, 21)]

    def window(lo):
        xs, ys = x[lo:lo + a.window], y[lo:lo + a.window]
        grangercausalitytests(np.column_stack([ys, xs]), maxlag=8)
        grangercausalitytests(np.column_stack([xs, ys]), maxlag=8)
        np.corrcoef(xs, ys)

    single()
    ts = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        single()
        ts.append(time.perf_counter() - t0)
    sm_single = min(ts)
    windows = n - a.window + 1
    sample = list(range(0, windows, a.sample_every))
    t0 = time.perf_counter()
    for lo in sample:
        window(lo)
    per_window = (time.perf_counter() - t0) / len(sample)
    sm_rolling = per_window * windows

    timer = os.path.join(HERE, ".build", "release", "leadlag-timer")
    rf_single = json.loads(subprocess.check_output([timer, path, "--repeat", "7"]))
    rf_rolling = json.loads(subprocess.check_output([timer, path, "--window", str(a.window), "--step", "1", "--repeat", "3"]))
    print(json.dumps({
        "rows": n, "window": a.window, "windows": windows, "statsmodels_windows_timed": len(sample),
        "statsmodels_single_s": sm_single, "riskflow_single_s": rf_single["min_s"],
        "speedup_single": sm_single / rf_single["min_s"],
        "statsmodels_rolling_s_scaled": sm_rolling, "statsmodels_per_window_s": per_window,
        "riskflow_rolling_s": rf_rolling["min_s"], "speedup_rolling": sm_rolling / rf_rolling["min_s"],
    }, indent=1))


if __name__ == "__main__":
    main()
