"""Shared fixtures: the repository's real data, read with pandas (not with ballast)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


def read_eia930(name: str) -> pd.Series:
    """An EIA-930 file of data/eia930 as a Series of MW on the start of each hour, in UTC (the
    files stamp the end of the hour; see data/README.md)."""
    frame = pd.read_csv(DATA / "eia930" / name)
    end = pd.to_datetime(frame["time_utc"]).dt.tz_localize("UTC")
    series = pd.Series(
        frame["demand_mw"].to_numpy(dtype="float64"),
        index=pd.DatetimeIndex(end - pd.Timedelta(hours=1)),
        name="demand_mw",
    )
    return series


@pytest.fixture(scope="session")
def ercot() -> pd.Series:
    """ERCOT's hourly demand 2016-2024 (78,912 hours)."""
    return read_eia930("ERCO_2016-2024_hourly_utc.csv")


@pytest.fixture(scope="session")
def nevada() -> pd.Series:
    """Nevada Power's hourly demand, 2021-11 .. 2022-10 (8,760 hours)."""
    return read_eia930("NEVP_2021-11_2022-10_hourly_utc.csv")


def write_three_hour_system(folder: Path) -> None:
    """A dispatch system of three hours (demand 50, 80, 95 MW) on a base plant of 100 MW at 25 a
    MWh and a peaker of 40 MW at 180: folder/system.toml and its folder/demand.csv."""
    (folder / "demand.csv").write_text(
        "time,demand_mw\n2021-01-01T00:00Z,50\n2021-01-01T01:00Z,80\n2021-01-01T02:00Z,95\n")
    (folder / "system.toml").write_text(
        '[grid]\ndemand = "demand.csv"\n[[generator]]\nname = "base"\ncapacity_mw = 100\n'
        'cost_per_mwh = 25\n[[generator]]\nname = "peaker"\ncapacity_mw = 40\ncost_per_mwh = 180\n')
