"""One storage unit, stepped by the same physics every ballast simulator uses.

>>> import ballast
>>> unit = ballast.Storage.with_round_trip(
...     power_mw=50, energy_mwh=200, round_trip_efficiency=0.85, dt_s=3600, soc=0.5)
>>> unit.step(80.0)   # ask for 80 MW of discharge for one hour: the inverter gives 50
50.0
"""

from __future__ import annotations

from typing import Any, Callable, Union

import numpy as np
import pandas as pd

from . import _core
from .errors import InputError
from .timeaxis import as_float_array, to_axis

__all__ = ["StorageParams", "Storage", "ProgressArg"]

StorageParams = _core.storage.StorageParams

#: What a long call takes as ``progress=``: None, a callable ``progress(done, total)`` (called
#: from the calling thread about a hundred times) or a :class:`ballast.Progress` to poll.
ProgressArg = Union[None, Callable[[int, int], Any], _core.Progress]


class Storage(_core.storage.Storage):
    """One storage unit and its state, stepped at a fixed step of ``dt_s`` seconds.

    ``Storage(params, dt_s=..., soc=...)`` with :class:`StorageParams`, or
    :meth:`Storage.with_round_trip`. ``step(request_mw)`` asks for power for one step (> 0
    discharge to the grid, < 0 charge from it) and returns what the unit delivered (> 0) or
    absorbed (< 0) within its power, energy window and efficiencies. ``soc``, ``stored_mwh``,
    ``charged_mwh``, ``discharged_mwh`` and ``throughput_mwh`` are read at any time.

    One object is stepped by one thread at a time (another thread gets a RuntimeError).
    """

    @classmethod
    def with_round_trip(
        cls,
        *,
        power_mw: float,
        energy_mwh: float,
        round_trip_efficiency: float,
        dt_s: float,
        soc: float,
    ) -> "Storage":
        """A unit with equal charge and discharge power and the round-trip efficiency split
        evenly between charge and discharge (sqrt(rte) each)."""
        params = StorageParams.with_round_trip(
            power_mw=power_mw, energy_mwh=energy_mwh, round_trip_efficiency=round_trip_efficiency
        )
        return cls(params, dt_s=dt_s, soc=soc)

    def run(
        self, request_mw: pd.Series | np.ndarray | Any, progress: ProgressArg = None
    ) -> pd.Series | np.ndarray:
        """Steps once per request, in C++ with the GIL released; returns the delivered power.

        ``request_mw`` is an array (MW per step) or a Series with a tz-aware index whose step
        must equal ``dt_s``; a Series gives a Series on the same index (``delivered_mw``).
        ``progress``: see :data:`ProgressArg`. Raises :class:`ballast.InputError` for a bad
        array (NaN, wrong dtype or shape, an index at another step).
        """
        if isinstance(request_mw, pd.Series):
            axis = to_axis(request_mw, name="request_mw")
            if axis.step_s != self.dt_s:
                raise InputError(
                    f"request_mw steps every {axis.step_s} s but this Storage steps every "
                    f"{self.dt_s:g} s; resample the series or make the Storage with "
                    f"dt_s={axis.step_s}"
                )
            delivered = super().run(axis.values, progress)
            return pd.Series(delivered, index=request_mw.index, name="delivered_mw", copy=False)
        return super().run(as_float_array(request_mw, "request_mw"), progress)
