#!/usr/bin/env python3
"""Reference values for riskflow's event study (issue 10 conventions), computed
independently with numpy and scipy on a synthetic daily series with weekday gaps.

Conventions (not the peers' event_study.py, which counts rows and enters on the event day):
  entry  = first row with date >= event + 1 day; events before the first row are left out
  exit_h = first row with date >= entry + h days; return = close[exit]/close[entry] - 1,
           None when no such row
  uncond = mean over rows j >= first entry row with a complete window of the same return
  t-test = scipy.stats.ttest_1samp(event returns, uncond) two-sided
Run: python3 make_event_fixtures.py > events_reference.json
"""
import json
import datetime as dt
import numpy as np
from scipy import stats

rng = np.random.default_rng(20261125)
start = dt.date(2019, 1, 1)
days, closes = [], []
price = 100.0
d = start
while len(days) < 900:
    # weekdays only, plus a few missing weekdays (holidays)
    if d.weekday() < 5 and rng.random() > 0.03:
        price *= float(np.exp(rng.normal(0.0004, 0.02)))
        days.append(d)
        closes.append(round(price, 6))
    d += dt.timedelta(days=1)
days_np = np.array([x.toordinal() for x in days])
closes_np = np.array(closes)

events = [dt.date(2018, 12, 1),   # before the first row: left out
          dt.date(2019, 3, 15), dt.date(2019, 7, 6),  # a Saturday
          dt.date(2020, 2, 28), dt.date(2020, 8, 14), dt.date(2021, 6, 30),
          days[-3]]               # entry near the end: long horizons past the data
horizons = [10, 30, 90]

def first_on_or_after(ordinal):
    i = int(np.searchsorted(days_np, ordinal, side="left"))
    return i if i < len(days) else None

records = []
by_h = {h: [] for h in horizons}
entries = []
for e in events:
    if e < days[0]:
        continue
    i = first_on_or_after(e.toordinal() + 1)
    if i is None:
        continue
    entries.append(i)
    rets = {}
    for h in horizons:
        j = first_on_or_after(days_np[i] + h)
        r = None if j is None else float(closes_np[j] / closes_np[i] - 1)
        rets[str(h)] = r
        if r is not None:
            by_h[h].append(r)
    records.append({"date": e.isoformat(), "entry": days[i].isoformat(), "returns": rets})

first_entry = min(entries)
summary = []
for h in horizons:
    pool = []
    for j in range(first_entry, len(days)):
        k = first_on_or_after(days_np[j] + h)
        if k is not None:
            pool.append(closes_np[k] / closes_np[j] - 1)
    ev = np.array(by_h[h])
    um = float(np.mean(pool))
    tt = stats.ttest_1samp(ev, popmean=um)
    summary.append({"h": h, "n": len(ev), "mean": float(np.mean(ev)), "median": float(np.median(ev)),
                    "hit_rate": float(np.mean(ev > 0)), "uncond_mean": um, "uncond_n": len(pool),
                    "t_stat": float(tt.statistic), "t_p": float(tt.pvalue)})

print(json.dumps({"generator": f"numpy {np.__version__}, scipy {__import__('scipy').__version__}",
                  "days": [x.isoformat() for x in days], "closes": closes,
                  "events": [e.isoformat() for e in events], "horizons": horizons,
                  "records": records, "summary": summary}, indent=1))
