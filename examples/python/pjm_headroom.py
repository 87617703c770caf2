#!/usr/bin/env python3
"""How much new constant load (an AI datacenter, say) PJM could host today, with and without
storage: the Duke method (Norris et al. 2025) on PJM's hourly load, as a pandas table and a
chart.

The load is read with pandas from data/eia930 (EIA-930, 2016-2024), put on PJM's clock
(America/New_York) and handed to ``ballast.headroom`` as a Series; each storage option is one
call. The table has one row per storage option and one column per curtailment limit (the share
of the new load's energy it gives up when the grid is at its seasonal peak capacity).

    python examples/python/pjm_headroom.py --out out/pjm_headroom.png

Prints the table (GW) and writes a PNG chart.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt
import pandas as pd

import ballast

REPO = Path(__file__).resolve().parents[2]
LIMITS_PCT = [0.25, 0.5, 1, 5]
# storage options: (label, power MW, energy MWh); 4-hour batteries at 85 % round trip
STORAGE = [("none", 0, 0), ("5 GW / 20 GWh", 5_000, 20_000), ("10 GW / 40 GWh", 10_000, 40_000)]


def pjm_load(years: list[int] | None = None) -> pd.Series:
    """PJM's hourly demand in MW, on local time, one value per hour starting at the index."""
    frame = pd.read_csv(REPO / "data" / "eia930" / "PJM_2016-2024_hourly_utc.csv")
    # EIA-930 stamps the end of each hour (UTC): the value belongs to the hour before
    end = pd.to_datetime(frame["time_utc"]).dt.tz_localize("UTC")
    load = pd.Series(frame["demand_mw"].to_numpy(dtype="float64"),
                     index=pd.DatetimeIndex(end - pd.Timedelta(hours=1)), name="demand_mw")
    load = load.tz_convert("America/New_York")
    if years:
        load = load[load.index.year.isin(years)]
    return load


def headroom_table(load: pd.Series) -> pd.DataFrame:
    """New constant load (GW) for each storage option (rows) and curtailment limit (columns)."""
    rows = {}
    for label, power_mw, energy_mwh in STORAGE:
        storage = {} if power_mw == 0 else {
            "storage_mw": power_mw, "storage_mwh": energy_mwh, "efficiency": 0.85}
        result = ballast.headroom(load, curtailment=LIMITS_PCT, **storage)
        rows[label] = {f"{r['curtailment_limit_pct']:g} %": r["headroom_mw"] / 1000
                       for r in result.to_dict()["results"]}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "storage"
    return table


def chart(table: pd.DataFrame, out: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 4))
    for label, row in table.iterrows():
        ax.plot(LIMITS_PCT, row.to_numpy(), marker="o", label=label)
    ax.set_xscale("log")
    ax.set_xticks(LIMITS_PCT, [f"{p:g}" for p in LIMITS_PCT])
    ax.set_xlabel("curtailment limit, % of the new load's energy")
    ax.set_ylabel("new constant load, GW")
    ax.set_title("PJM headroom (Duke method), with and without storage")
    ax.grid(alpha=0.3)
    ax.legend(title="storage")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("out/pjm_headroom.png"))
    parser.add_argument("--years", type=int, nargs="*", help="only these years (default: all)")
    args = parser.parse_args(argv)
    table = headroom_table(pjm_load(args.years))
    print(table.round(2).to_string())
    chart(table, args.out)
    print(f"wrote {args.out}")
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
