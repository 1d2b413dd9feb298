#!/usr/bin/env python3
"""Sweep speed: vectorbt (warm) and plain numpy vs riskflow, same data, same run.

Usage (from Benchmarks/, after `swift build -c release` in the package root):
  ~/.cache/riskflow-peers/bin/python sweep_peers.py [--repeat 3]

Grid: new-high lookbacks 20:520:5 × holds 5:130:5 = 2,626 combos on the bundled BTC
daily closes, fees 10 bp, slippage 5 bp. vectorbt and numpy run through
../../shared/peers/sweep_vbt.py (vectorbt fills on the signal's row, riskflow on the next:
same work per combo). riskflow is timed as the whole `riskflow sweep --no-pbo` command
(process start, store read, compute, JSON out), best of --repeat runs.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    btc = os.path.join(ROOT, "Sources/RiskflowData/Snapshot/crypto/BTC.csv")
    peers = os.path.join(ROOT, "..", "shared", "peers", "sweep_vbt.py")
    r = subprocess.run([sys.executable, peers, "--file", btc, "--fees", "0.001", "--slippage", "0.0005", "--repeat", str(a.repeat)],
                       capture_output=True, text=True, check=True)
    v = json.loads(r.stdout)
    binary = os.path.join(ROOT, ".build/release/riskflow")
    env = dict(os.environ, RISKFLOW_HOME=tempfile.mkdtemp())
    subprocess.run([binary, "data", "list"], env=env, capture_output=True, check=True)
    times = []
    for _ in range(max(3, a.repeat)):
        t0 = time.perf_counter()
        subprocess.run([binary, "sweep", "--symbol", "BTC", "--no-pbo", "--format", "json"], env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    t = v["timing"]
    rf = min(times)
    print(json.dumps({
        "combos": v["n_combos"], "bars": v["n_bars"],
        "vectorbt_warm_s": t.get("vbt_warm_s"), "numpy_s": t["numpy_s"],
        "riskflow_command_s": rf,
        "ratio_vectorbt_warm_over_riskflow": (t.get("vbt_warm_s") or float("nan")) / rf,
        "ratio_numpy_over_riskflow": t["numpy_s"] / rf,
        "versions": v["versions"],
    }, indent=1))


if __name__ == "__main__":
    main()
