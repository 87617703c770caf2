#!/usr/bin/env python3
"""Derives data/taipower/derived/system_10min_2021-05-20_2021-08-01.csv from Taipower's
10-minute generation by fuel (data/taipower/fuel_mix_10min_2021-05-20_2021-08-01.csv).

- demand_mw: what consumers drew = all generation (nuclear .. pumped-hydro generation) minus
  pumped-hydro pumping, so that a dispatch model can schedule the pumped hydro itself;
- thermal_mw: nuclear, coal, cogeneration, IPP coal, LNG, IPP LNG, oil and diesel as run;
- hydro_mw, wind_mw, solar_mw as given; pumped_hydro_net_mw = generation - pumping.

Eleven samples in the source are stamped a few minutes off the 10-minute grid (e.g. 08:23 for
08:20). Each is moved to its nearest slot when that slot is otherwise empty, and dropped when
the slot has its own on-grid sample (2021-07-08 15:51 and 18:31 are extra readings). Missing
slots stay missing: readers report them, or fill them with --fill linear / fill = "linear".
"""
import csv
import datetime as dt
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
src = root / "data/taipower/fuel_mix_10min_2021-05-20_2021-08-01.csv"
dst = root / "data/taipower/derived/system_10min_2021-05-20_2021-08-01.csv"
THERMAL = ["nuclear_mw", "coal_mw", "cogen_mw", "ipp_coal_mw", "lng_mw", "ipp_lng_mw", "oil_mw",
           "diesel_mw"]

rows = {}
with open(src, newline="") as f:
    for r in csv.DictReader(f):
        t = dt.datetime.fromisoformat(r["time_local_utc+8"])
        minutes = t.hour * 60 + t.minute
        snapped = t.replace(hour=0, minute=0) + dt.timedelta(minutes=10 * round(minutes / 10))
        on_grid = snapped == t
        if snapped in rows and not on_grid:
            continue  # an extra off-grid reading beside the slot's own sample
        v = {k: float(x) for k, x in r.items() if k != "time_local_utc+8"}
        pump = abs(v["pumped_hydro_pump_mw"])
        gen = sum(v[k] for k in THERMAL + ["hydro_mw", "wind_mw", "solar_mw",
                                           "pumped_hydro_gen_mw"])
        rows[snapped] = {
            "demand_mw": gen - pump,
            "thermal_mw": sum(v[k] for k in THERMAL),
            "hydro_mw": v["hydro_mw"],
            "wind_mw": v["wind_mw"],
            "solar_mw": v["solar_mw"],
            "pumped_hydro_net_mw": v["pumped_hydro_gen_mw"] - pump,
        }

dst.parent.mkdir(parents=True, exist_ok=True)
with open(dst, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    cols = ["demand_mw", "thermal_mw", "hydro_mw", "wind_mw", "solar_mw", "pumped_hydro_net_mw"]
    w.writerow(["time"] + cols)
    for t in sorted(rows):
        w.writerow([t.isoformat()] + [f"{rows[t][c]:g}" for c in cols])
print(f"wrote {dst} ({len(rows)} rows)")
