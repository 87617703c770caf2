"""Battery aging: streaming rainflow counting (ASTM E1049-85), the Xu et al. 2018 and
cycle-life-table degradation models, a streaming wear meter and the capacity projection.

>>> import numpy as np, ballast
>>> soc = 0.5 + 0.4 * np.sin(np.linspace(0, 20 * np.pi, 10_001))   # ten deep cycles
>>> wear = ballast.aging.wear_of(ballast.aging.AgingModel.xu2018(), soc, dt_s=60)
>>> round(wear.equivalent_full_cycles, 3)
8.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _core
from .errors import InputError
from .storage import ProgressArg
from .timeaxis import as_float_array, to_axis

__all__ = [
    "AgingModel",
    "Cycle",
    "Projection",
    "Rainflow",
    "Wear",
    "WearMeter",
    "capacity_after",
    "count_cycles",
    "project",
    "wear_of",
]

_a = _core.aging
AgingModel = _a.AgingModel
Cycle = _a.Cycle
Wear = _a.Wear
Projection = _a.Projection
project = _a.project
capacity_after = _a.capacity_after

_CYCLE_COLUMNS = ["count", "range", "mean", "start", "end"]


def _cycles_frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    return pd.DataFrame({k: columns[k] for k in _CYCLE_COLUMNS})


class Rainflow(_a.Rainflow):
    """Streaming rainflow counter (ASTM E1049-85, 5.4.4).

    ``push(x)`` feeds one sample and returns the :class:`Cycle` objects it closed;
    :meth:`extend` feeds an array in C++ and returns the closed cycles as a DataFrame;
    ``finish()`` returns the residual's half cycles and resets the counter.
    """

    def extend(self, values: pd.Series | np.ndarray | Any, progress: ProgressArg = None) -> pd.DataFrame:
        """Feeds every value (GIL released); returns the cycles they closed, one row each
        (columns count, range, mean, start, end; start and end are sample indices since the
        counter's start)."""
        return _cycles_frame(self._extend(as_float_array(values, "values"), progress))


def count_cycles(signal: pd.Series | np.ndarray | Any, progress: ProgressArg = None) -> pd.DataFrame:
    """Every rainflow cycle of a whole signal (ASTM E1049-85), in the order they close.

    One row per cycle: ``count`` (0.5 or 1), ``range`` and ``mean`` in signal units, ``start``
    and ``end`` sample indices of its two reversals. Runs in C++ with the GIL released.
    """
    return _cycles_frame(_a._count_cycles(as_float_array(signal, "signal"), progress))


class WearMeter(_a.WearMeter):
    """Streaming wear accumulator: ``push(soc, temp_c)`` each step of ``dt_s`` seconds (or
    :meth:`extend` by arrays), then ``finish()`` for the :class:`Wear` (which resets it)."""

    def extend(
        self,
        soc: pd.Series | np.ndarray | Any,
        temp_c: float | pd.Series | np.ndarray | Any = 25.0,
        progress: ProgressArg = None,
    ) -> None:
        """Pushes every SOC sample (fractions 0..1) at one temperature or with a temperature
        per sample, deg C (GIL released)."""
        s = as_float_array(soc, "soc")
        if np.ndim(temp_c) == 0:
            self._extend(s, None, float(temp_c), progress)
        else:
            self._extend(s, as_float_array(temp_c, "temp_c"), 0.0, progress)


def wear_of(
    model: AgingModel,
    soc: pd.Series | np.ndarray | Any,
    *,
    dt_s: float | None = None,
    temp_c: float | pd.Series | np.ndarray | Any = 25.0,
    progress: ProgressArg = None,
) -> Wear:
    """The wear of a whole SOC trace (fractions 0..1) at one temperature or a temperature per
    step (deg C). A Series with a tz-aware index gives its own step; an array needs ``dt_s``."""
    if isinstance(soc, pd.Series) and isinstance(soc.index, pd.DatetimeIndex):
        axis = to_axis(soc, name="soc")
        if dt_s is not None and dt_s != axis.step_s:
            raise InputError(f"dt_s={dt_s} disagrees with the series' step of {axis.step_s} s")
        dt_s = axis.step_s
    if dt_s is None:
        raise InputError("wear_of: give dt_s= (the step of the SOC trace, s) for an array")
    meter = WearMeter(model, dt_s=dt_s)
    meter.extend(soc, temp_c, progress)
    return meter.finish()
