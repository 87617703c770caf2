"""Real runs of every study with --json, shared by the schema test and scripts/json_schema.py:
study -> list of argument lists (several where the output's shape differs)."""

from __future__ import annotations

import math
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EX = REPO / "examples"


def soc_trace(folder: Path) -> str:
    """A day of a battery cycling once (SOC 0.2 -> 0.9 -> 0.2), hourly, as a CSV."""
    path = folder / "soc.csv"
    if not folder.is_dir():  # only the shape of the runs is wanted
        return str(path)
    lines = ["time,soc"]
    for h in range(24 * 7):
        soc = 0.55 - 0.35 * math.cos(2 * math.pi * h / 24)
        lines.append(f"2025-01-{1 + h // 24:02d}T{h % 24:02d}:00:00Z,{soc:.6f}")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def expand_case(folder: Path) -> str:
    """Three hours (50, 80, 95 MW) on a base plant at 25 and a peaker at 180, a 10 MW new load and
    a cheap battery candidate, which is built to move the base plant's energy to the third hour."""
    path = folder / "expand.toml"
    if not folder.is_dir():
        return str(path)
    (folder / "demand.csv").write_text(
        "time,demand_mw\n2021-01-01T00:00Z,50\n2021-01-01T01:00Z,80\n2021-01-01T02:00Z,95\n")
    (folder / "system.toml").write_text(
        '[grid]\ndemand = "demand.csv"\n[[generator]]\nname = "base"\ncapacity_mw = 100\n'
        'cost_per_mwh = 25\n[[generator]]\nname = "peaker"\ncapacity_mw = 40\n'
        'cost_per_mwh = 180\n')
    path.write_text('system = "system.toml"\n[new_load]\nmw = 10\n[[storage]]\nname = "battery"\n'
                    'capex_per_kw = 0.01\ncapex_per_kwh = 0.01\nlifetime_years = 15\n'
                    'round_trip_efficiency = 0.9\n')
    return str(path)


def runs(tmp: Path) -> dict[str, list[list[str]]]:
    arbitrage = str(REPO / "tests" / "cli" / "data" / "arbitrage.toml")
    edreg = str(EX / "taiwan-edreg.toml")
    grid_battery = str(EX / "datacenter-50mw-grid-battery.toml")
    year = ["--year", "2023"]
    # Several runs a study where a key is optional or may be null: each branch of the output is
    # validated (the schema test) and drafted (scripts/json_schema.py) from a real run.
    return {
        "headroom": [["headroom", *year, "--curtailment", "0.5,5"],
                     ["headroom", *year, "--curtailment", "1", "--storage", "1GW/4GWh@85%"],
                     ["headroom", *year, "--curtailment", "1", "--storage", "1GW/4GWh@85%",
                      "--aging", "xu2018", "--aging-years", "1,10"],
                     ["headroom", *year, "--curtailment", "1", "--verify"]],
        "size": [["size", *year, "--cap-mw", "80000"],
                 ["size", *year, "--power-mw", "1000:3000:1000", "--duration-h", "1,4"],
                 ["size", *year, "--new-load-mw", "2000"],
                 ["size", *year, "--new-load-mw", "2000", "--curtailment", "0.5"],
                 ["size", *year, "--new-load-mw", "2000", "--energy-mwh", "20000"],
                 ["size", *year, "--new-load-mw", "2000", "--aging", "xu2018", "--life-years",
                  "10"],
                 ["size", *year, "--new-load-mw", "2000", "--aging", "xu2018", "--life-years",
                  "10", "--augment", "--capex-per-kwh", "300"]],
        "steady": [["steady", *year, "--storage-mean-load-h", "0,4"],
                   ["steady", *year, "--storage-mean-load-h", "0,4,24", "--target", "1.05",
                    "--power-mw", "5000"],
                   ["steady", *year, "--storage-mean-load-h", "0,4", "--aging", "xu2018"]],
        "dispatch": [["dispatch", arbitrage],
                     ["dispatch", arbitrage, "--objective", "peak"],
                     ["dispatch", arbitrage, "--objective", "max_new_load"],
                     ["dispatch", arbitrage, "--aging", "xu2018", "--wear-cost-per-mwh", "5"]],
        "workload": [["workload", "--training-gpus", "1000", "--duration-s", "10"]],
        "transient": [["transient", "--scenario", grid_battery, "--duration-s", "5"],
                      ["transient", "--scenario", grid_battery, "--duration-s", "5", "--size"],
                      ["transient", "--scenario", grid_battery, "--duration-s", "5",
                       "--no-battery"],
                      ["transient", "--scenario", grid_battery, "--duration-s", "5", "--aging",
                       "xu2018"],
                      ["transient", "--scenario", str(EX / "datacenter-50mw-island-battery.toml"),
                       "--duration-s", "5"]],
        "market_run": [["market", "run", edreg, "--duration-s", "1h"],
                       ["market", "run", edreg, "--duration-s", "24h", "--controller", "both",
                        "--aging", "xu2018"]],
        "market_curve": [["market", "curve", "--frequency-hz", "59.9"],
                         ["market", "curve", "--frequency-hz", "59.9", "--bid-mw", "10"]],
        "market_bid": [["market", "bid", "--bid-mw", "10", "--energy-mwh", "20", "--min-soc-mwh",
                        "2", "--max-soc-mwh", "18"],
                       ["market", "bid", "--bid-mw", "10", "--energy-mwh", "10", "--min-soc-mwh",
                        "2", "--max-soc-mwh", "8"]],
        "market_size": [["market", "size", edreg, "--duration-s", "1h"],
                        ["market", "size", edreg, "--duration-s", "1h", "--power-mw", "30",
                         "--step-mw", "10"]],
        "frequency": [["frequency", "--duration-s", "60"],
                      ["frequency", "--duration-s", "60", "--out", str(tmp / "frequency.csv")]],
        "expand": [["expand", str(EX / "expand" / "taiwan-2gw-campus.toml"), "--compare"],
                   ["expand", expand_case(tmp), "--aging", "xu2018"]],
        "aging": [["aging", "--soc", soc_trace(tmp)],
                  ["aging", "--soc", soc_trace(tmp), "--energy-mwh", "100", "--power-mw", "25",
                   "--capex-per-kwh", "300"]],
    }
