"""The greedy storage dispatch beside a new constant load (the hot loop of every ballast
planner): discharge whenever load + new load exceeds the capacity limit, charge whenever it is
below, within the unit's limits. For one unit this minimises curtailment.

The study functions (headroom, sizing, steady output) are listed under "Studies" in
docs/python.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from . import _core
from .errors import InputError
from .storage import StorageParams
from .timeaxis import Axis, to_axis

__all__ = ["SimulationResult", "simulate"]


@dataclass(frozen=True, repr=False)
class SimulationResult:
    """What one run of the greedy returns: totals, and per-step traces when asked for."""

    new_load_mw: float
    curtailment_rate: float  #: curtailed energy / the new load's potential energy
    initial_energy_mwh: float  #: start state (searched for soc_start="cyclic")
    final_energy_mwh: float
    charged_mwh: float  #: drawn at the terminals over the run
    discharged_mwh: float  #: delivered at the terminals over the run
    traces: pd.DataFrame | None = field(default=None)
    """Per step: load_mw, capacity_mw, storage_mw (> 0 discharge), energy_mwh (stored at the
    end of the step), curtailed_mw; tz-aware index. None when traces=False."""

    def to_pandas(self) -> pd.DataFrame:
        """The per-step traces (raises if the run kept none)."""
        if self.traces is None:
            raise InputError("this run kept no traces: call simulate(..., traces=True)")
        return self.traces

    def to_dict(self) -> dict[str, float]:
        """The totals as a dict (JSON-ready)."""
        return {
            "new_load_mw": self.new_load_mw,
            "curtailment_rate": self.curtailment_rate,
            "initial_energy_mwh": self.initial_energy_mwh,
            "final_energy_mwh": self.final_energy_mwh,
            "charged_mwh": self.charged_mwh,
            "discharged_mwh": self.discharged_mwh,
        }

    def __repr__(self) -> str:
        return (
            f"SimulationResult(new load {self.new_load_mw:,.0f} MW: curtailment "
            f"{100 * self.curtailment_rate:.3f} %, storage charged {self.charged_mwh:,.0f} MWh "
            f"and discharged {self.discharged_mwh:,.0f} MWh, energy {self.initial_energy_mwh:,.0f}"
            f" -> {self.final_energy_mwh:,.0f} MWh)"
        )

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th>{k}</th><td>{v:,.6g}</td></tr>" for k, v in self.to_dict().items())
        return f"<table><caption>greedy storage dispatch</caption>{rows}</table>"


def standard_offset_min(axis: Axis) -> int:
    """The zone's standard-time UTC offset at the axis start, minutes (0 for UTC or no zone).

    ballast's calendars use standard time all year (grid data is kept in standard time)."""
    if axis.tz is None:
        return 0
    try:  # an IANA name: the standard library's zone (pandas' own costs 20x as much)
        local = datetime.fromtimestamp(axis.start_s, ZoneInfo(axis.tz))
        return int((local.utcoffset() - local.dst()).total_seconds() // 60)
    except (KeyError, ValueError, OSError):  # "+08:00" and other names pandas knows
        pass
    ts = pd.Timestamp(axis.start_s, unit="s", tz="UTC").tz_convert(axis.tz)
    dst = ts.dst() or pd.Timedelta(0)
    return int((ts.utcoffset() - dst).total_seconds() // 60)


def simulate(
    load_mw: pd.Series,
    *,
    new_load_mw: float,
    storage: StorageParams,
    threshold: str | float = "seasonal",
    soc_start: str = "full",
    method: str = "yearly",
    partial_years: str = "drop",
    utc_offset_h: float | None = None,
    traces: bool = True,
    step: Any = None,
    start: Any = None,
) -> SimulationResult:
    """Runs the greedy for a new constant load of ``new_load_mw`` beside ``load_mw``.

    ``load_mw``: today's demand, a Series with a tz-aware index at a fixed step (or an array
    with ``step=``/``start=``, see :func:`ballast.timeaxis.to_axis`). ``threshold``: the
    capacity limit, "seasonal" (Norris et al. 2025: the summer peak caps Apr-Oct, the winter
    peak Nov-Mar), "peak" (the record's peak) or a number of MW. ``soc_start``: "full",
    "empty" or "cyclic" (the largest start the run returns to). ``method``: "yearly"
    (curtailment rate of each local year, averaged) or "pooled". ``partial_years``: what the
    rate does with a local year the record covers only in part: "drop" (leave it out, as the
    CLI does), "weight" (count it by its share of the year) or "keep" (as a whole year).
    ``utc_offset_h``: local
    standard time for months and years (default: the index's zone, in standard time).
    Runs in C++ with the GIL released.
    """
    axis = to_axis(load_mw, step=step, start=start, name="load_mw")
    if isinstance(threshold, str):
        kind, threshold_mw = threshold, 0.0
    else:
        kind, threshold_mw = "constant", float(threshold)
    offset_min = (
        standard_offset_min(axis) if utc_offset_h is None else int(round(60 * utc_offset_h))
    )
    r = _core.plan._simulate(
        axis.values,
        start_s=axis.start_s,
        step_s=axis.step_s,
        utc_offset_min=offset_min,
        new_load_mw=float(new_load_mw),
        storage=storage,
        threshold=kind,
        threshold_mw=threshold_mw,
        soc_start=soc_start,
        method=method,
        partial_years=partial_years,
        keep_traces=traces,
    )
    frame = None
    if traces:
        frame = axis.frame(
            {
                "load_mw": axis.values,
                "capacity_mw": r["capacity_mw"],
                "storage_mw": r["storage_mw"],
                "energy_mwh": r["energy_mwh"],
                "curtailed_mw": r["curtailed_mw"],
            }
        )
    return SimulationResult(
        new_load_mw=float(new_load_mw),
        curtailment_rate=r["curtailment_rate"],
        initial_energy_mwh=r["initial_energy_mwh"],
        final_energy_mwh=r["final_energy_mwh"],
        charged_mwh=r["charged_mwh"],
        discharged_mwh=r["discharged_mwh"],
        traces=frame,
    )
