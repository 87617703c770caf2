#!/usr/bin/env python3
"""Taiwan's summer 2021 grid dispatched with its battery fleet resized in code.

Reads examples/taiwan-2021-summer.toml (Taipower's thermal fleet by fuel, solar, wind, hydro,
pumped hydro and a 3 GW / 7.5 GWh battery fleet), keeps a short horizon (two days of 10-minute
periods by default, so it runs in seconds), and solves the dispatch that flattens the thermal
fleet's output (objective "peak": the lowest thermal peak) for battery fleets of several sizes,
all 2.5-hour batteries. Prints one row per fleet: the thermal peak and the energy the batteries
moved, from the per-period table (``to_pandas()``).

    python examples/python/taiwan_dispatch.py --periods 288
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import ballast

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "examples" / "taiwan-2021-summer.toml"
FLEETS_GW = [0, 3, 6, 9]  # battery power; energy is 2.5 h of it


def run(periods: int) -> pd.DataFrame:
    rows = []
    for gw in FLEETS_GW:
        scenario = ballast.DispatchScenario.load(str(SCENARIO))
        scenario.head(periods)
        if gw == 0:
            result = ballast.dispatch(scenario, objective="peak", drop=["battery"])
        else:
            scenario.resize_storage("battery", power_mw=gw * 1000, energy_mwh=gw * 2500)
            result = ballast.dispatch(scenario, objective="peak")
        summary = result.to_dict()
        steps = result.to_pandas()
        step_h = scenario.step_s / 3600
        discharge = steps.get("discharge_battery_mw", pd.Series(0.0, index=steps.index))
        rows.append({
            "battery GW": gw,
            "thermal peak MW": summary["thermal"]["peak_mw"],
            "battery discharged MWh": float(discharge.sum() * step_h),
        })
    return pd.DataFrame(rows).set_index("battery GW")


def main(argv: list[str] | None = None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--periods", type=int, default=288, help="10-minute periods to keep")
    args = parser.parse_args(argv)
    table = run(args.periods)
    print(table.round(1).to_string())
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
