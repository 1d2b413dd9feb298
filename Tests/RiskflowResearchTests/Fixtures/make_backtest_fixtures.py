#!/usr/bin/env python3
"""vectorbt parity fixtures for riskflow's backtest engine (issue 11).

riskflow fills a signal known at the close of day t on the instrument's first row
strictly after t; vectorbt fills on the signal's own row. So vectorbt is given the FILL
dates by hand (the signals shifted one row) through ../shared/peers/backtest_vbt.py, and
riskflow the signal dates. Run with the peers venv:
  ~/.cache/riskflow-peers/bin/python make_backtest_fixtures.py > backtest_vbt.json
"""
import json
import subprocess
import sys

PEERS = "../../../../shared/peers"
SNAP = "../../../Sources/RiskflowData/Snapshot"  # BacktestTests pins the rows before the 2026-12 refresh (ETH to 2026-08-20, SPY to 2026-08-21): run this on those files
cases = [
    # ETH, every UTC day: signal days, then the fill days (the next day).
    {"name": "ETH_dates", "file": f"{SNAP}/crypto/ETH.csv", "periods": 365,
     "signal_entries": ["2016-11-21", "2018-03-01", "2020-11-20", "2023-01-10"],
     "signal_exits": ["2017-02-19", "2018-06-30", "2021-02-18"],
     "fill_entries": ["2016-11-22", "2018-03-02", "2020-11-21", "2023-01-11"],
     "fill_exits": ["2017-02-20", "2018-07-01", "2021-02-19"]},
    # SPY on NYSE sessions: a Friday and a Saturday signal both fill on Monday; the
    # last position stays open.
    {"name": "SPY_dates", "file": f"{SNAP}/prices/SPY.csv", "periods": 252,
     "signal_entries": ["2008-03-14", "2012-06-02", "2020-03-23"],
     "signal_exits": ["2009-03-09", "2013-06-03"],
     "fill_entries": ["2008-03-17", "2012-06-04", "2020-03-24"],
     "fill_exits": ["2009-03-10", "2013-06-04"]},
]
out = []
for c in cases:
    r = subprocess.run([sys.executable, f"{PEERS}/backtest_vbt.py", "--file", c["file"], "--entries", ",".join(c["fill_entries"]),
                        "--exits", ",".join(c["fill_exits"]), "--fees", "0.001", "--slippage", "0.0005",
                        "--periods", str(c["periods"])], capture_output=True, text=True, check=True)
    v = json.loads(r.stdout)
    out.append({**{k: c[k] for k in ["name", "periods", "signal_entries", "signal_exits"]},
                "symbol": c["name"].split("_")[0],
                "total_return": v["total_return"], "final_value": v["final_value"], "max_drawdown": v["max_drawdown"],
                "trades": [{k: t[k] for k in ["entry_date", "exit_date", "status", "size", "entry_price", "exit_price", "pnl", "return"]}
                           for t in v["trades"]],
                "versions": v["versions"]})
print(json.dumps(out, indent=1))
