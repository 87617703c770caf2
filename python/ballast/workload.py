"""AI-datacenter load: a synthetic training/inference site (lockstep iterations, jitter,
checkpoints, failures, cooling), seeded and reproducible, as a pandas Series in MW.

>>> import ballast
>>> site = ballast.workload.synthetic_site(training_gpus=20_000, step_ms=100, duration_s=600)
>>> site.name, len(site)
('site_mw', 6000)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import _core
from .errors import InputError
from .storage import ProgressArg
from .timeaxis import time_index

__all__ = ["SyntheticParams", "known_gpus", "synthetic_params", "synthetic_site", "full_it_mw"]

_w = _core.workload
SyntheticParams = _w.SyntheticParams


def _field_names() -> list[str]:
    return sorted(n for n, v in vars(SyntheticParams).items() if not n.startswith("_") and not callable(v))


def synthetic_params(**fields: Any) -> SyntheticParams:
    """A validated :class:`SyntheticParams`: the library's defaults with ``fields`` changed
    (e.g. ``training_gpus=20_000, step_ms=10, duration_s=600, checkpoint_every_s=300``).

    Unknown names raise TypeError listing the known ones; values out of range raise
    :class:`ballast.InputError`."""
    params = SyntheticParams()
    known = _field_names()
    for key, value in fields.items():
        if key not in known:
            raise TypeError(f"unknown synthetic-site parameter {key!r}; known: {', '.join(known)}")
        setattr(params, key, value)
    params.validate()
    return params


def synthetic_site(
    *,
    start: pd.Timestamp | str = "2025-01-01T00:00:00Z",
    progress: ProgressArg = None,
    **fields: Any,
) -> pd.Series:
    """The site's power at the facility meter (IT + cooling), MW, one value per ``step_ms``.

    ``fields`` are :class:`SyntheticParams` fields (see :func:`synthetic_params`). ``start``
    (tz-aware) is the first step's instant; the inference daily pattern follows it (its UTC
    hour sets ``start_hour`` unless that is given). Generated in C++ with the GIL released.
    """
    ts = pd.Timestamp(start)
    if ts.tz is None:
        raise InputError(f"start={start!r} has no time zone: give one, e.g. '2025-01-01T00:00Z'")
    utc = ts.tz_convert("UTC")
    fields.setdefault("start_hour", utc.hour + utc.minute / 60 + utc.second / 3600)
    params = synthetic_params(**fields)
    mw = _w._synthetic_mw(params, progress)
    index = time_index(0, params.step_ms / 1000, len(mw)) + (utc - pd.Timestamp(0, tz="UTC"))
    return pd.Series(mw, index=index.tz_convert(ts.tz), name="site_mw", copy=False)


def full_it_mw(**fields: Any) -> float:
    """Full IT power of the site's GPUs, MW (every GPU at full load), for the given fields."""
    return _w.full_it_mw(synthetic_params(**fields))


def known_gpus() -> pd.DataFrame:
    """The GPU types the synthetic site knows: IT kW per GPU at full load and its source."""
    return pd.DataFrame(_w.known_gpus(), columns=["gpu", "it_kw_per_gpu", "source"]).set_index("gpu")
