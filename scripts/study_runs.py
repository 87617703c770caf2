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


def runs(tmp: Path) -> dict[str, list[list[str]]]:
    arbitrage = str(REPO / "tests" / "cli" / "data" / "arbitrage.toml")
    edreg = str(EX / "taiwan-edreg.toml")
    return {
        "headroom": [["headroom", "--year", "2023", "--curtailment", "0.5,5"],
                     ["headroom", "--year", "2023", "--curtailment", "1", "--storage",
                      "1GW/4GWh@85%"]],
        "size": [["size", "--year", "2023", "--cap-mw", "80000"],
                 ["size", "--year", "2023", "--power-mw", "1000:3000:1000", "--duration-h",
                  "1,4"],
                 ["size", "--year", "2023", "--new-load-mw", "2000"]],
        "steady": [["steady", "--year", "2023", "--storage-mean-load-h", "0,4"]],
        "dispatch": [["dispatch", arbitrage]],
        "workload": [["workload", "--training-gpus", "1000", "--duration-s", "10"]],
        "transient": [["transient", "--scenario", str(EX / "datacenter-50mw-grid-battery.toml"),
                       "--duration-s", "5"]],
        "market_run": [["market", "run", edreg, "--duration-s", "1h"]],
        "market_curve": [["market", "curve", "--frequency-hz", "59.9"],
                         ["market", "curve", "--frequency-hz", "59.9", "--bid-mw", "10"]],
        "market_bid": [["market", "bid", "--bid-mw", "10", "--energy-mwh", "20", "--min-soc-mwh",
                        "2", "--max-soc-mwh", "18"]],
        "market_size": [["market", "size", edreg, "--duration-s", "1h"]],
        "frequency": [["frequency", "--duration-s", "60"]],
        "aging": [["aging", "--soc", soc_trace(tmp)]],
    }
