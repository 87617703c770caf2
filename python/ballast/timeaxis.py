"""The time axis: pandas objects in, (start, step, values) for C++ out, and back.

ballast's C++ library keeps a time series as a start instant and a fixed step in whole seconds
(UTC) plus a float64 array. :func:`to_axis` turns a pandas Series with a tz-aware
``DatetimeIndex`` at a fixed step (or a bare array with ``step=`` and ``start=``) into an
:class:`Axis`; a float64 C-contiguous input is not copied. :func:`to_series` and
:func:`to_frame` turn per-step results back into pandas with a tz-aware index.

Rules (each broken rule raises :class:`ballast.InputError` saying how to fix it):

- the index is a ``DatetimeIndex`` with a time zone (``series.tz_localize("UTC")`` for a
  naive one: ballast never guesses a zone);
- it is strictly increasing, without duplicates, at one fixed step of whole seconds (steps are
  measured in absolute time, so an hourly series in a zone with daylight saving is regular);
- the values are real numbers (any float or integer dtype; float64 is used as it is), finite,
  one-dimensional.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _core
from .errors import InputError

__all__ = ["Axis", "to_axis", "as_float_array", "time_index", "to_series", "to_frame"]
# study_axis and nonfinite_error are for the study functions (ballast.studies)

_NS_PER_S = 1_000_000_000
_FLOAT64 = np.dtype(np.float64)
_NS_PER_TICK = {"s": _NS_PER_S, "ms": 1_000_000, "us": 1_000, "ns": 1}  # DatetimeIndex.unit

class Axis(NamedTuple):
    """A regular time series as the C++ library takes it.

    ``values[i]`` belongs to the interval starting ``start_s + i * step_s`` seconds after the
    epoch (UTC). ``tz`` is the input's time zone name (``"UTC"``, ``"America/Chicago"``,
    ``"+08:00"``), or None when a bare array came without a zoned start (times are then UTC).
    """

    start_s: int
    step_s: int
    values: np.ndarray
    tz: str | None

    def index(self, n: int | None = None) -> pd.DatetimeIndex:
        """The tz-aware index of this axis for ``n`` steps (default: as many as values)."""
        return time_index(self.start_s, self.step_s, len(self.values) if n is None else n, self.tz)

    def series(self, values: Any, name: str | None = None) -> pd.Series:
        """Per-step ``values`` on this axis as a Series (no copy of a float64 array)."""
        return to_series(values, start_s=self.start_s, step_s=self.step_s, tz=self.tz, name=name)

    def frame(self, columns: Mapping[str, Any]) -> pd.DataFrame:
        """Per-step columns on this axis as a DataFrame."""
        return to_frame(columns, start_s=self.start_s, step_s=self.step_s, tz=self.tz)


def to_axis(
    data: pd.Series | np.ndarray | Any,
    *,
    step: pd.Timedelta | str | int | float | None = None,
    start: pd.Timestamp | str | int | None = None,
    name: str = "values",
) -> Axis:
    """Checks a time series and returns it as an :class:`Axis` for the C++ library.

    ``data`` is a pandas Series with a tz-aware ``DatetimeIndex`` at a fixed step, or a bare
    array (numpy or anything ``np.asarray`` takes) with ``step`` (a ``pd.Timedelta``, a string
    such as ``"1h"`` or ``"15min"``, or seconds) and optionally ``start`` (a tz-aware
    timestamp, a string with an offset such as ``"2024-01-01T00:00Z"``, or seconds since the
    epoch; default the epoch). A Series needs ``step`` only when it has a single value.
    ``name`` is used in error messages. Raises :class:`ballast.InputError`.
    """
    return _axis(data, step, start, name, check_values=True)


def study_axis(data: Any, *, step: Any = None, start: Any = None, name: str = "values") -> Axis:
    """:func:`to_axis` for a study that checks the values itself, in C++, as it reads them (a
    NaN or infinite value is then an InputError from the study; :func:`nonfinite_error` words
    it as to_axis would): every rule of the time axis and the dtype is checked here, and the
    values are read once, not twice."""
    return _axis(data, step, start, name, check_values=False)


def nonfinite_error(axis: Axis, data: Any, name: str) -> InputError | None:
    """to_axis' InputError for the first NaN or infinite value of ``axis`` (made from
    ``data``); None when every value is finite."""
    i = _core.timeaxis.first_nonfinite(axis.values)
    if i < 0:
        return None
    index = data.index if isinstance(data, pd.Series) else None
    return _nonfinite_error(axis.values, i, index, name)


def _axis(data: Any, step: Any, start: Any, name: str, check_values: bool) -> Axis:
    if isinstance(data, pd.Series):
        return _series_axis(data, step, start, name, check_values)
    if isinstance(data, pd.DataFrame):
        raise InputError(
            f"{name}: got a DataFrame with columns {list(data.columns)}; pass one column, "
            f"e.g. frame[{data.columns[0]!r}]" if len(data.columns) else f"{name}: empty DataFrame"
        )
    values = as_float_array(data, name) if check_values else _float_values(data, name)
    if step is None:
        raise InputError(
            f"{name}: a bare array has no time axis: give step= (e.g. step='1h') and start= "
            "(e.g. start='2024-01-01T00:00Z'), or pass a pandas Series with a DatetimeIndex"
        )
    step_s = _step_seconds(step, name)
    start_s, tz = _start_seconds(start, name)
    return Axis(start_s, step_s, values, tz)


def as_float_array(values: Any, name: str = "values") -> np.ndarray:
    """``values`` as a 1-D C-contiguous float64 array of finite numbers.

    A float64 C-contiguous numpy array comes back as the same memory (no copy); other real
    dtypes and non-contiguous arrays are converted once. A Series gives its values (the index
    is not checked: use :func:`to_axis` for time series). Raises :class:`ballast.InputError`
    for another dtype (strings, objects, booleans, datetimes), another number of dimensions,
    NaN or infinity, naming the first bad position.
    """
    arr = _float_values(values, name)
    i = _core.timeaxis.first_nonfinite(arr)  # one pass, no temporary array
    if i >= 0:
        index = values.index if isinstance(values, pd.Series) else None
        raise _nonfinite_error(arr, i, index, name)
    return arr


def _plain_float64(series: pd.Series) -> np.ndarray | None:
    """A Series' values when they are C-contiguous float64 (the common case): no copy.

    A read-only view of the array pandas keeps (``Series._values``) where it is a plain
    ndarray, which is what ``to_numpy()`` returns, without its dozen Python calls: right after
    a study has pushed them out of the CPU's caches they cost more than the whole rest of a
    study's Python side. Anything else takes ``to_numpy()``."""
    arr = getattr(series, "_values", None)
    if type(arr) is np.ndarray:
        arr = arr.view()
        arr.flags.writeable = False  # as to_numpy() gives it: the Series' memory is pandas'
    else:
        arr = series.to_numpy() if series.dtype == _FLOAT64 else None
    if arr is not None and arr.dtype == _FLOAT64 and arr.flags.c_contiguous:
        return arr
    return None


def _float_values(values: Any, name: str) -> np.ndarray:
    """as_float_array without the check of the values."""
    if isinstance(values, pd.Series):
        arr = _plain_float64(values)
        if arr is not None:
            return arr
        if isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
            if not pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(
                values.dtype
            ):
                raise InputError(f"{name} must hold numbers (got dtype {values.dtype})")
            values = values.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            values = values.to_numpy()
    arr = np.asarray(values)
    if arr.dtype.kind not in "fiu":
        raise InputError(f"{name} must hold real numbers (got dtype {arr.dtype})")
    if arr.ndim != 1:
        raise InputError(
            f"{name} must be one-dimensional (got shape {arr.shape}); pass one column or "
            "flatten it"
        )
    return np.ascontiguousarray(arr, dtype=np.float64)


def _nonfinite_error(arr: np.ndarray, i: int, index: pd.Index | None, name: str) -> InputError:
    where = f" at {index[i]}" if index is not None else ""
    what = "NaN" if np.isnan(arr[i]) else "infinite"
    return InputError(
        f"{name}[{i}]{where} is {what}: every value must be a finite number "
        "(fill or drop missing values first, e.g. series.interpolate())"
    )


def time_index(start_s: int, step_s: float, n: int, tz: str | None = None) -> pd.DatetimeIndex:
    """``n`` instants from ``start_s`` (seconds since the epoch, UTC) every ``step_s`` seconds,
    in zone ``tz`` (UTC when None)."""
    first = pd.Timestamp(int(start_s), unit="s", tz="UTC")
    index = pd.date_range(start=first, periods=n, freq=pd.Timedelta(seconds=step_s))
    return index if tz in (None, "UTC") else index.tz_convert(tz)


def to_series(
    values: Any,
    *,
    start_s: int,
    step_s: float,
    tz: str | None = None,
    name: str | None = None,
) -> pd.Series:
    """Per-step ``values`` (one per step from ``start_s``) as a Series with a tz-aware index.

    A float64 array is wrapped, not copied."""
    arr = np.asarray(values)
    return pd.Series(arr, index=time_index(start_s, step_s, len(arr), tz), name=name, copy=False)


def to_frame(
    columns: Mapping[str, Any], *, start_s: int, step_s: float, tz: str | None = None
) -> pd.DataFrame:
    """Per-step columns of one length as a DataFrame with a tz-aware index."""
    lengths = {key: len(v) for key, v in columns.items()}
    if len(set(lengths.values())) > 1:
        raise InputError(f"columns must have one length (got {lengths})")
    n = next(iter(lengths.values()), 0)
    return pd.DataFrame(dict(columns), index=time_index(start_s, step_s, n, tz))


def tz_name(tz: _dt.tzinfo | None) -> str | None:
    """A name pandas takes back for a tzinfo: the IANA key, "UTC" or a fixed "+HH:MM"."""
    if tz is None:
        return None
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)  # zoneinfo, pytz
    if key:
        return str(key)
    offset = tz.utcoffset(None)
    if offset is None:  # e.g. a dateutil zone: its name is what it was made from
        return str(tz)
    if offset == _dt.timedelta(0):
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _series_axis(series: pd.Series, step: Any, start: Any, name: str, check_values: bool) -> Axis:
    # Each pandas attribute read here is a few Python calls, slow when a study has just pushed
    # the interpreter out of the CPU's caches. So the common case (an index remembered, or a
    # regular one of a dtype seen before) is decided in C++ (python/src/known_axes.h); anything
    # else is checked here, in full, each attribute read once, and remembered there.
    index = series.index
    known = _core.timeaxis.axis_of(series) if step is None and start is None else None
    if known is not None:
        values = _plain_float64(series)
        if values is not None:
            if check_values:
                i = _core.timeaxis.first_nonfinite(values)
                if i >= 0:
                    raise _nonfinite_error(values, i, index, _series_name(series, name))
            return Axis(known[0], known[1], values, known[2])
    name = _series_name(series, name)
    if not isinstance(index, pd.DatetimeIndex):
        raise InputError(
            f"{name}: the Series has a {type(index).__name__}, not a DatetimeIndex: give it "
            "timestamps (series.index = pd.to_datetime(...)) or pass a numpy array with step= "
            "and start="
        )
    dtype = index.dtype  # DatetimeTZDtype with a zone: tz and unit
    tz = getattr(dtype, "tz", None)
    if tz is None:
        raise InputError(
            f"{name}: the index has no time zone: call series.tz_localize('UTC') (or the zone "
            "the timestamps are in, e.g. 'America/Chicago') first; ballast never guesses a zone"
        )
    if start is not None:
        raise InputError(f"{name}: start= is for bare arrays; a Series starts at its index")
    # the index's integer ticks in its own unit (a view: converting to ns would copy them all)
    # and the values, checked in one pass over both; the full analysis only words an error
    ticks = index.asi8
    n = len(ticks)
    if n == 0:
        raise InputError(f"{name}: the Series is empty")
    ns_per_tick = _NS_PER_TICK[dtype.unit]
    first_tick, second_tick = ticks[:2].tolist() if n >= 2 else (int(ticks[0]), 0)  # plain ints
    values = _float_values(series, name)
    if check_values:
        bad_step, bad_value = _core.timeaxis.check_series(ticks, values)
    else:
        bad_step, bad_value = _core.timeaxis.first_irregular(ticks), -1
    if n >= 2:
        if bad_step >= 0:
            _refuse_irregular(index, ticks * ns_per_tick, name)
        step_ns = (second_tick - first_tick) * ns_per_tick
        if step is not None and _step_seconds(step, name) * _NS_PER_S != step_ns:
            raise InputError(
                f"{name}: step={step!r} disagrees with the index's step "
                f"{pd.Timedelta(step_ns, unit='ns')}"
            )
    elif step is None:
        raise InputError(f"{name}: a single value has no step: give step= (e.g. step='1h')")
    else:
        step_ns = _step_seconds(step, name) * _NS_PER_S
    if step_ns % _NS_PER_S:
        raise InputError(
            f"{name}: the step {pd.Timedelta(step_ns, unit='ns')} is not a whole number of "
            "seconds; ballast's time axis counts whole seconds"
        )
    first_ns = first_tick * ns_per_tick
    if first_ns % _NS_PER_S:
        raise InputError(f"{name}: the first timestamp {index[0]} is not on a whole second")
    axis = Axis(first_ns // _NS_PER_S, step_ns // _NS_PER_S, values, tz_name(tz))
    if n >= 2:
        _core.timeaxis.remember(index, axis.start_s, axis.step_s, axis.tz, ns_per_tick)
    if bad_value >= 0:
        raise _nonfinite_error(values, bad_value, index, name)
    return axis


def _series_name(series: pd.Series, name: str) -> str:
    """The name errors give a Series: its own, unless the caller named it."""
    return str(series.name) if name == "values" and series.name is not None else name


def _refuse_irregular(index: pd.DatetimeIndex, ns: np.ndarray, name: str) -> None:
    """Raises the InputError for an index that is not strictly increasing at one step (``ns``:
    its instants in ns): the first duplicate or step back, else the first other step."""
    d = np.diff(ns)
    bad = np.flatnonzero(d <= 0)
    if bad.size:
        i = int(bad[0])
        if d[i] == 0:
            raise InputError(
                f"{name}: duplicate timestamp {index[i]} at positions {i} and {i + 1}: "
                "drop or aggregate duplicates (series.groupby(level=0).mean())"
            )
        raise InputError(
            f"{name}: the index is not in time order: {index[i]} (position {i}) is "
            f"followed by {index[i + 1]}; sort it (series.sort_index())"
        )
    i = int(np.flatnonzero(d != d[0])[0])
    raise InputError(
        f"{name}: the step is not fixed: {pd.Timedelta(int(d[0]), unit='ns')} at the "
        f"start but {pd.Timedelta(int(d[i]), unit='ns')} from {index[i]} to "
        f"{index[i + 1]} (position {i}); resample to one step, e.g. "
        "series.resample('1h').mean()"
    )


def _step_seconds(step: Any, name: str) -> int:
    try:
        delta = pd.Timedelta(seconds=step) if isinstance(step, (int, float)) else pd.Timedelta(step)
    except (ValueError, TypeError) as e:
        raise InputError(f"{name}: step={step!r} is not a time step ('1h', '15min', 3600): {e}")
    ns = delta.value
    if ns <= 0:
        raise InputError(f"{name}: step={step!r} must be > 0")
    if ns % _NS_PER_S:
        raise InputError(
            f"{name}: step={step!r} is not a whole number of seconds; ballast's time axis "
            "counts whole seconds"
        )
    return ns // _NS_PER_S


def _start_seconds(start: Any, name: str) -> tuple[int, str | None]:
    if start is None:
        return 0, None
    if isinstance(start, (int, np.integer)):
        return int(start), None
    try:
        ts = pd.Timestamp(start)
    except (ValueError, TypeError) as e:
        raise InputError(f"{name}: start={start!r} is not a timestamp: {e}")
    if ts.tz is None:
        raise InputError(
            f"{name}: start={start!r} has no time zone: give one (e.g. '2024-01-01T00:00Z' or "
            "pd.Timestamp('2024-01-01', tz='America/Chicago')); ballast never guesses a zone"
        )
    ns = ts.as_unit("ns").value
    if ns % _NS_PER_S:
        raise InputError(f"{name}: start={start!r} is not on a whole second")
    return ns // _NS_PER_S, tz_name(ts.tz)
