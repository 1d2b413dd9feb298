#!/usr/bin/env python3
"""vectorbt parity fixtures for riskflow's sweep (issue 11): the new-high strategy on the
bundled BTC closes, entries shifted one row by hand (riskflow fills a signal on the next
row), exits H rows after the actual entry as ../shared/peers/sweep_vbt.py builds them
(generate_exits(wait=1, until_next=False, skip_until_exit=True), entries on exit rows
removed), fees 10 bp and slippage 5 bp. Run with the peers venv:
  ~/.cache/riskflow-peers/bin/python make_sweep_fixtures.py > sweep_vbt.json
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd

sys.path.insert(0, "../../../../shared/peers")
from _common import load_series  # noqa: E402
from sweep_vbt import new_high_matrix  # noqa: E402

import vectorbt as vbt  # noqa: E402
from numba import njit  # noqa: E402

s, _ = load_series("../../../Sources/RiskflowData/Snapshot/crypto/BTC.csv")
s = s[s.index <= "2026-08-20"]  # the rows before the 2026-12 refresh (SweepTests pins the same)
c = s.values.astype(np.float64)
L, H = [20, 55, 90, 200, 365], [1, 5, 30, 90]
combos = [(n, h) for n in L for h in H]
raw = new_high_matrix(c, L)
E = np.repeat(raw, len(H), axis=1)
shifted = np.zeros_like(E)
shifted[1:] = E[:-1]  # a signal on row t fills on row t + 1


@njit
def exit_choice_nb(from_i, to_i, col, holds_per_col):
    i = from_i - 1 + holds_per_col[col]
    if i < to_i:
        return np.array([i], dtype=np.int64)
    return np.empty(0, dtype=np.int64)


cols = pd.MultiIndex.from_tuples(combos, names=["lookback", "hold"])
entries = pd.DataFrame(shifted, index=s.index, columns=cols)
hpc = np.array([h for _, h in combos], dtype=np.int64)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    exits = entries.vbt.signals.generate_exits(exit_choice_nb, hpc, wait=1, until_next=False, skip_until_exit=True)
    entries = entries & ~exits
    pf = vbt.Portfolio.from_signals(pd.Series(c, index=s.index), entries, exits, fees=0.001, slippage=0.0005,
                                    init_cash=100.0, size=np.inf, freq="1D")
    tr = pf.total_return().values
    mdd = pf.max_drawdown().values
    ntr = pf.trades.count().values
print(json.dumps({"symbol": "BTC", "fees": 0.001, "slippage": 0.0005, "combos": [
    {"lookback": n, "hold": h, "total_return": float(tr[i]), "final_value": float(100 * (1 + tr[i])),
     "max_drawdown": float(mdd[i]), "trades": int(ntr[i])} for i, (n, h) in enumerate(combos)]}, indent=1))
