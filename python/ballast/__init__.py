"""ballast: energy storage planning and operation, from Python.

pandas in and out, a tz-aware ``DatetimeIndex`` as the time axis, keyword arguments with units
in their names. The stateful pieces for hand-written loops:

- :class:`Storage` / :class:`StorageParams` — the storage physics every simulator uses;
- :mod:`ballast.control` — RampLimiter, SocKeeper, PeakShaver, RegulationController;
- :mod:`ballast.aging` — streaming rainflow, degradation models, wear meter, projection;
- :mod:`ballast.workload` — a synthetic AI-training site's power;
- :mod:`ballast.plan` — the greedy storage dispatch beside a new load;
- :mod:`ballast.timeaxis` — the time-axis rules and conversions;
- :mod:`ballast.studies` — every study (headroom, size, steady, dispatch, ...) as a function,
  re-exported here: ``ballast.headroom(load_mw, storage_mw=500)``.

Errors: :class:`Error` and its children :class:`InputError`, :class:`InfeasibleError`,
:class:`InternalError`. Long calls release the GIL and take ``progress=`` (a callable
``progress(done, total)`` or a :class:`Progress`). See docs/python.md.
"""

from __future__ import annotations

from .errors import Error, InfeasibleError, InputError, InternalError  # noqa: I001 (first)
from . import _core
from . import aging, control, plan, studies, timeaxis, workload
from .studies import (
    DispatchScenario,
    StudyResult,
    aging_study,
    dispatch,
    expand,
    frequency,
    headroom,
    market_bid,
    market_curve,
    market_run,
    market_size,
    size,
    steady,
    transient,
    workload_study,
)
from ._sweep import SweepResult, sweep, sweepable_studies
from .storage import ProgressArg, Storage, StorageParams
from .timeaxis import Axis, to_axis, to_frame, to_series

Progress = _core.Progress

__version__ = "0.1.0"

__all__ = [
    "Axis",
    "Error",
    "InfeasibleError",
    "InputError",
    "InternalError",
    "Progress",
    "ProgressArg",
    "Storage",
    "StorageParams",
    "DispatchScenario",
    "StudyResult",
    "SweepResult",
    "aging",
    "aging_study",
    "control",
    "dispatch",
    "expand",
    "frequency",
    "headroom",
    "market_bid",
    "market_curve",
    "market_run",
    "market_size",
    "size",
    "steady",
    "studies",
    "transient",
    "workload_study",
    "plan",
    "timeaxis",
    "to_axis",
    "to_frame",
    "to_series",
    "workload",
    "sweep",
    "sweepable_studies",
]
