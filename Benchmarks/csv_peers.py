#!/usr/bin/env python3
"""CSV parse speed: pandas and polars read_csv vs riskflow's parser, same file, same run.

Usage (from Benchmarks/, after `swift build -c release`):
  ~/.cache/riskflow-peers/bin/python csv_peers.py [--rows 1000000] [--repeat 7]

The file is Benchmarks/out/canonical_<rows>.csv, written with the formula of
Sources/BenchSupport/Workloads.swift (identical bytes). Every library parses the
dates and the five numeric columns: pandas `read_csv(parse_dates=["date"])` (C engine,
one thread), polars `read_csv(try_parse_dates=True)` (all cores), riskflow
`CSVParser.parse` via the `csv-timer` release binary. Min and median of `--repeat`
runs after one warm-up. Python is used only here, never by `swift test`.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def write_file(rows: int, path: str) -> None:
    import datetime as dt
    start = dt.date(1900, 1, 1)
    with open(path, "w") as f:
        f.write("date,open,high,low,close,volume\n")
        for i in range(rows):
            o = 10000 + (i * 7919) % 10000
            c = o + (i * 104729) % 200 - 100
            d = start + dt.timedelta(days=i)
            f.write(f"{d.isoformat()},{o // 100}.{o % 100:02d},{(o + 125) // 100}.{(o + 125) % 100:02d},"
                    f"{(o - 125) // 100}.{(o - 125) % 100:02d},{c // 100}.{c % 100:02d},{1000000 + (i * 31) % 1000000}\n")


def timed(fn, repeat):
    fn()
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return {"min_s": min(ts), "median_s": statistics.median(ts)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    out = os.path.join(HERE, "out")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"canonical_{a.rows}.csv")
    if not os.path.exists(path):
        write_file(a.rows, path)

    import pandas as pd
    import polars as pl

    res = {"file": path, "rows": a.rows, "cpu_count": os.cpu_count()}
    res["pandas"] = timed(lambda: pd.read_csv(path, parse_dates=["date"]), a.repeat)
    res["polars"] = timed(lambda: pl.read_csv(path, try_parse_dates=True), a.repeat)
    timer = os.path.join(HERE, ".build", "release", "csv-timer")
    swift = json.loads(subprocess.check_output([timer, path, str(a.repeat)]))
    assert swift["rows"] == a.rows, swift
    res["riskflow"] = swift
    res["speedup_vs_pandas"] = res["pandas"]["min_s"] / swift["min_s"]
    res["speedup_vs_polars"] = res["polars"]["min_s"] / swift["min_s"]
    res["versions"] = {"pandas": pd.__version__, "polars": pl.__version__}
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
