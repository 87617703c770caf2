"""Every ballast study as one function: the same library call as the command line.

Each function takes the study's inputs as keyword arguments named as its request fields (the
CLI's option names with ``_`` for ``-``: ``ballast headroom --storage-mw 500`` is
``ballast.headroom(storage_mw=500)``; see :func:`fields`), plus in-memory series where the study
reads one (a pandas Series with a tz-aware ``DatetimeIndex``, or an array with ``step=`` and
``start=``). It runs in C++ with the GIL released and returns a result with

- ``to_dict()``: the library's JSON renderer, exactly what the CLI prints with ``--json``;
- ``to_pandas()``: the per-step table where the study has one (headroom, size, steady,
  dispatch, workload_study, transient, market_run, frequency);
- ``to_text()`` / ``str()``: the CLI's text table; ``_repr_html_()``: the HTML report.

==================  ===============================  =======================================
function            command                          in-memory input
==================  ===============================  =======================================
headroom            ``ballast headroom``             ``load_mw`` (today's load, MW)
size                ``ballast size``                 ``load_mw``
steady              ``ballast steady``               ``load_mw``
dispatch            ``ballast dispatch``             ``scenario`` (a :class:`DispatchScenario`)
expand              ``ballast expand``               —
workload_study      ``ballast workload``             ``site_mw`` (sub-second steps allowed)
transient           ``ballast transient``            ``site_mw``
market_run          ``ballast market run``           ``frequency_hz`` (one value a second)
market_size         ``ballast market size``          ``frequency_hz``
market_curve        ``ballast market curve``         —
market_bid          ``ballast market bid``           —
frequency           ``ballast frequency``            —
aging_study         ``ballast aging``                ``soc_series``, ``power_series``
==================  ===============================  =======================================

``workload`` and ``aging`` are modules of the package, so those two studies are called
``workload_study`` and ``aging_study``.

``workload_study``, ``transient``, ``market_run`` and ``frequency`` keep every step in memory
for ``to_pandas()`` (the rows of the CLI's ``--out`` CSV); ``keep_steps=False`` saves that
memory (a year of seconds, or hours of milliseconds, is large) and ``to_pandas()`` then raises
:class:`ballast.InputError`. A float64 C-contiguous array (or Series) is read in place by
every study, without a copy; the result keeps it alive.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from .errors import InputError
from .storage import ProgressArg
from .timeaxis import Axis, as_float_array, nonfinite_error, study_axis, to_axis, tz_name

_s = _core.studies
DispatchScenario = _s.DispatchScenario

__all__ = [
    "DispatchScenario",
    "StudyResult",
    "aging_study",
    "dispatch",
    "expand",
    "fields",
    "frequency",
    "headroom",
    "market_bid",
    "market_curve",
    "market_run",
    "market_size",
    "size",
    "steady",
    "transient",
    "workload_study",
]


def fields(study: str) -> list[str]:
    """The keyword arguments ``study`` takes (e.g. ``fields("headroom")``): its request's field
    names, which are the CLI's option names with ``_`` for ``-``."""
    return list(_s.field_names(study))


class StudyResult:
    """A study's result: the library's renderers and, for some studies, per-step tables."""

    def __init__(self, study: str, core: Any, tz: str | None = None, start_ns: int = 0) -> None:
        self.study = study
        self._core = core
        self._tz = tz
        self._start_ns = start_ns  # an in-memory site series' first instant (with tz)

    def to_dict(self) -> dict[str, Any]:
        """The library's JSON renderer: exactly the CLI's ``--json`` output, parsed."""
        return json.loads(self._core.json())

    def to_json(self) -> str:
        """The CLI's ``--json`` output as text."""
        return self._core.json()

    def to_text(self) -> str:
        """The CLI's text output."""
        return self._core.text()

    def to_html(self) -> str:
        """The library's self-contained HTML report (the CLI's ``--report``)."""
        return self._core.html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<ballast {self.study} result: {self.to_text().splitlines()[0] if self.to_text() else ''}>"

    def to_pandas(self) -> pd.DataFrame:
        """The per-step table of the study (headroom, size, steady, dispatch, workload_study,
        transient, market_run, frequency); see each function for its columns."""
        if hasattr(self._core, "step_table"):
            table = self._core.step_table()
            if table is None:
                raise InputError(
                    f"this {self.study} result kept no per-step table: the study ran with "
                    "keep_steps=False; run it again with keep_steps=True (the default) to use "
                    "to_pandas()"
                )
            return _step_frame(table, self._tz, self._start_ns)
        if hasattr(self._core, "steps"):
            d = self._core.steps()
            time_s, offset_min, zone = d.pop("time_s"), d.pop("offset_min"), d.pop("zone")
            input_zone = d.pop("input_zone")
            index = pd.DatetimeIndex(pd.to_datetime(time_s, unit="s", utc=True), name="time")
            # the input's zone; else the study's calendar (a named zone, or its fixed offset)
            tz = input_zone or zone or _fixed_zone(offset_min)
            return pd.DataFrame(d, index=index.tz_convert(tz))
        if hasattr(self._core, "csv"):
            frame = pd.read_csv(io.StringIO(self._core.csv())).drop(columns="time")
            start_s, step_s, offset_min = self._core.axis()
            index = pd.DatetimeIndex(
                pd.to_datetime(start_s + step_s * np.arange(len(frame)), unit="s", utc=True),
                name="time",
            )
            frame.index = index.tz_convert(self._tz or _fixed_zone(np.array([offset_min])))
            return frame
        raise InputError(f"the {self.study} study has no per-step table; see to_dict()")


def _step_frame(table: dict, tz: str | None, start_ns: int) -> pd.DataFrame:
    """A StepTable as a DataFrame whose columns view the result's memory (no copy)."""
    columns = table["columns"]
    rows = len(next(iter(columns.values())))
    time_us = table["first_us"] + table["step_us"] * np.arange(rows, dtype=np.int64)
    offset_min, zone = table["utc_offset_min"], table["zone"]
    if offset_min is not None or zone is not None:  # absolute: the input's zone, else the run's
        utc = pd.to_datetime(time_us, unit="us", utc=True)
        run_zone = zone or _fixed_zone(np.array([offset_min]))
        index = pd.DatetimeIndex(utc, name="time").tz_convert(tz or run_zone)
    elif tz is not None:  # from the start of an in-memory series with a time zone
        utc = pd.to_datetime(start_ns + 1000 * time_us, unit="ns", utc=True)
        index = pd.DatetimeIndex(utc, name="time").tz_convert(tz)
    else:
        index = pd.Index(time_us / 1e6, name="time_s")
    return pd.DataFrame(columns, index=index, copy=False)


def _fixed_zone(offset_min: np.ndarray) -> str:
    if len(offset_min) == 0 or offset_min[0] == 0:
        return "UTC"
    m = int(offset_min[0])
    sign = "+" if m >= 0 else "-"
    return f"{sign}{abs(m) // 60:02d}:{abs(m) % 60:02d}"


def _field_dict(study: str, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments as the values the field tables take (None: left out)."""
    out: dict[str, Any] = {}
    for key, value in kwargs.items():
        if value is None:
            continue
        out[key] = _plain(value, key)
    return out


def _plain(value: Any, key: str) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (PurePath, os.PathLike)):
        return os.fspath(value)
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [_plain(v, key) for v in list(value)]
    raise InputError(
        f"{key}={value!r}: expected a number, text, True/False or a list (got {type(value).__name__})"
    )


def _load_series(data: Any, step: Any, start: Any, name: str) -> tuple[Any, str | None]:
    """A series on whole-second steps as the C++ SeriesArg, and its zone."""
    axis: Axis = to_axis(data, step=step, start=start, name=name)
    return _series_arg(axis, name), axis.tz


def _series_arg(axis: Axis, name: str) -> Any:
    return _s.SeriesArg(axis.values, axis.start_s, axis.step_s * 1_000_000, axis.tz, name)


def _fast_series(data: Any, step: Any, start: Any, name: str) -> tuple[Any, str | None, int]:
    """A fast series (sub-second steps allowed) as a SeriesArg (step in microseconds), its zone
    and its first instant (ns since the epoch; 0 without a zone)."""
    tz = None
    start_s = 0
    start_ns = 0
    if isinstance(data, pd.Series) and isinstance(data.index, pd.DatetimeIndex):
        index = data.index
        if index.tz is None:
            raise InputError(
                f"{name}: the index has no time zone: call series.tz_localize('UTC') first"
            )
        if len(index) < 2:
            raise InputError(f"{name}: give at least two values")
        ns = index.as_unit("ns").asi8
        # one pass without copies (as to_axis checks a load); numpy words an error
        if _core.timeaxis.first_irregular(ns) >= 0:
            d = np.diff(ns)
            if (d <= 0).any():
                i = int(np.flatnonzero(d <= 0)[0])
                raise InputError(
                    f"{name}: the index is not strictly increasing at position {i} ({index[i]} "
                    f"then {index[i + 1]}); sort it and drop duplicates"
                )
            i = int(np.flatnonzero(d != d[0])[0])
            raise InputError(f"{name}: the step is not fixed (it changes at position {i})")
        step_ns = int(ns[1] - ns[0])
        if step_ns % 1000:
            raise InputError(f"{name}: the step is not a whole number of microseconds")
        step_us = step_ns // 1000
        start_s, start_ns = int(ns[0] // 1_000_000_000), int(ns[0])
        tz = tz_name(index.tz)
    else:
        if step is None:
            raise InputError(f"{name}: a bare array needs step= (seconds, or e.g. '100ms')")
        delta = pd.Timedelta(seconds=step) if isinstance(step, (int, float)) else pd.Timedelta(step)
        if delta.value <= 0 or delta.value % 1000:
            raise InputError(f"{name}: step={step!r} must be a positive whole number of microseconds")
        step_us = int(delta.value // 1000)
        if start is not None:
            ts = pd.Timestamp(start)
            if ts.tz is None:
                raise InputError(f"{name}: start={start!r} has no time zone")
            start_s, start_ns, tz = int(ts.value // 1_000_000_000), int(ts.value), tz_name(ts.tz)
    values = as_float_array(data, name)
    return _s.SeriesArg(values, start_s, step_us, None, name), tz, start_ns


def _plan(study: str, load_mw: Any, step: Any, start: Any, progress: ProgressArg, kw: dict) -> StudyResult:
    run, fields = getattr(_s, study), _field_dict(study, kw)
    # The C++ study takes a Series whose time axis it finds itself (the common case:
    # python/src/known_axes.h) as it is, and returns None for anything else, which is checked
    # here first. The study checks the values as it reads them, and takes the load's zone for
    # its calendar unless kw names one.
    core = None
    if step is None and start is None:
        core = _run_plan(run, fields, load_mw, progress, (load_mw, step, start))
    if core is None:
        axis = study_axis(load_mw, step=step, start=start, name="load_mw")
        core = _run_plan(run, fields, _series_arg(axis, "load_mw"), progress, (load_mw, step, start))
    return StudyResult(study, core)


def _run_plan(run: Any, fields: dict, load: Any, progress: ProgressArg, given: tuple) -> Any:
    """run(fields, load, progress); a NaN in the load given (load_mw, step, start) is named
    with its timestamp, as to_axis names it."""
    try:
        return run(fields, load, progress)
    except InputError:
        load_mw, step, start = given
        if load_mw is None:
            raise
        axis = study_axis(load_mw, step=step, start=start, name="load_mw")  # checked before
        worded = nonfinite_error(axis, load_mw, "load_mw")
        if worded is None:
            raise
        raise worded from None


def headroom(
    load_mw: Any = None, *, step: Any = None, start: Any = None, progress: ProgressArg = None, **kw: Any
) -> StudyResult:
    """``ballast headroom``: the largest new constant load for each curtailment limit.

    ``load_mw``: today's load (default: the ``load=`` CSV or the built-in ``grid=``).
    ``to_pandas()``: per step, ``load_mw``, ``limit_mw`` and for each limit ``L`` %
    ``new_load_served_mw_Lpct``, ``curtailed_mw_Lpct`` (and with storage ``storage_mw_Lpct``,
    ``energy_mwh_Lpct``)."""
    return _plan("headroom", load_mw, step, start, progress, kw)


def size(
    load_mw: Any = None, *, step: Any = None, start: Any = None, progress: ProgressArg = None, **kw: Any
) -> StudyResult:
    """``ballast size``: the smallest storage that keeps load under a limit, or a sweep.
    ``to_pandas()`` (one size): the sized storage's run step by step."""
    return _plan("size", load_mw, step, start, progress, kw)


def steady(
    load_mw: Any = None, *, step: Any = None, start: Any = None, progress: ProgressArg = None, **kw: Any
) -> StudyResult:
    """``ballast steady``: storage size against how much more energy the fleet delivers.
    ``to_pandas()``: for each storage duration ``H`` h, the columns suffixed ``_Hh``."""
    return _plan("steady", load_mw, step, start, progress, kw)


def dispatch(
    scenario: str | os.PathLike | DispatchScenario | None = None,
    *,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast dispatch``: a scenario's LP dispatch. ``scenario``: its TOML path, or a
    :class:`DispatchScenario` changed in code (``DispatchScenario.load(path)``, then
    ``resize_storage(...)``, ``head(periods)``). ``to_pandas()``: one row per period."""
    data = None
    if isinstance(scenario, DispatchScenario):
        data = scenario
    elif scenario is not None:
        kw = {**kw, "scenario": os.fspath(scenario)}
    core = _s.dispatch(_field_dict("dispatch", kw), data, progress)
    return StudyResult("dispatch", core)


def expand(
    case: str | os.PathLike | None = None,
    *,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast expand``: the least-cost build of storage, generators and renewables for a new
    load, one LP over the whole chronology (docs/expansion.md). ``case``: its TOML path.
    ``to_pandas()``: one row per period (price, new load served, every candidate's output)."""
    if case is not None:
        kw = {**kw, "scenario": os.fspath(case)}
    return StudyResult("expand", _s.expand(_field_dict("expand", kw), progress))


def workload_study(
    site_mw: Any = None,
    *,
    step: Any = None,
    start: Any = None,
    keep_steps: bool = True,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast workload``: a site's power summarised (levels, ramps, swings, spectrum);
    ``site_mw`` in memory, or the synthetic site / ``trace=`` / ``scenario=`` by fields.
    ``to_pandas()``: ``site_mw`` at each step's start (the CLI's ``--out``), indexed by time
    from the series' start when it has a time zone, else by ``time_s`` from the run's start.
    ``keep_steps=False``: no per-step table (less memory)."""
    series, tz, start_ns = (None, None, 0) if site_mw is None else _fast_series(site_mw, step, start, "site_mw")
    core = _s.workload(_field_dict("workload", kw), series, keep_steps, progress)
    return StudyResult("workload", core, tz, start_ns)


def transient(
    scenario: str | os.PathLike | None = None,
    *,
    site_mw: Any = None,
    step: Any = None,
    start: Any = None,
    keep_steps: bool = True,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast transient``: the site with and without its battery, millisecond by
    millisecond. ``site_mw`` replaces the scenario's load (its step is the simulation's).
    ``to_pandas()``: the run with the battery (without, when there is none) at each step's
    end: ``site_mw``, ``upstream_mw``, ``battery_mw`` (+ discharge), ``soc`` (fraction),
    ``frequency_hz`` (the CLI's ``--out``), indexed as :func:`workload_study`.
    ``keep_steps=False``: no per-step table (less memory)."""
    if scenario is not None:
        kw = {**kw, "scenario": os.fspath(scenario)}
    series, tz, start_ns = (None, None, 0) if site_mw is None else _fast_series(site_mw, step, start, "site_mw")
    core = _s.transient(_field_dict("transient", kw), series, keep_steps, progress)
    return StudyResult("transient", core, tz, start_ns)


def _frequency_arg(frequency_hz: Any, start: Any) -> tuple[Any, str | None]:
    if frequency_hz is None:
        return None, None
    return _load_series(frequency_hz, 1 if not isinstance(frequency_hz, pd.Series) else None,
                        start, "frequency_hz")


def market_run(
    scenario: str | os.PathLike | None = None,
    *,
    frequency_hz: Any = None,
    start: Any = None,
    keep_steps: bool = True,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast market run``: a battery in dReg / E-dReg second by second, scored and
    settled. ``frequency_hz``: one value a second (a Series, or an array with ``start=``).
    ``to_pandas()``: the first controller's run, one row a second (the CLI's ``--out``):
    ``frequency_hz``, ``shift_mw``, ``band_lo_mw``, ``band_hi_mw``, ``power_mw``,
    ``score_pct``, ``rolling_score_pct``, ``soc``, on a DatetimeIndex in the input's zone, else
    the scenario's UTC offset. ``keep_steps=False``: no per-step table (less memory)."""
    if scenario is not None:
        kw = {**kw, "scenario": os.fspath(scenario)}
    series, tz = _frequency_arg(frequency_hz, start)
    core = _s.market_run(_field_dict("market_run", kw), series, keep_steps, progress)
    return StudyResult("market run", core, tz)


def market_size(
    scenario: str | os.PathLike | None = None,
    *,
    frequency_hz: Any = None,
    start: Any = None,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast market size``: every bid simulated, the largest one that passes."""
    if scenario is not None:
        kw = {**kw, "scenario": os.fspath(scenario)}
    series, tz = _frequency_arg(frequency_hz, start)
    return StudyResult("market size", _s.market_size(_field_dict("market_size", kw), series, False, progress), tz)


def market_curve(*, progress: ProgressArg = None, **kw: Any) -> StudyResult:
    """``ballast market curve``: the dReg / E-dReg response at one frequency."""
    return StudyResult("market curve", _s.market_curve(_field_dict("market_curve", kw), progress))


def market_bid(*, progress: ProgressArg = None, **kw: Any) -> StudyResult:
    """``ballast market bid``: checks an E-dReg bid. A rejected bid is a result
    (``result.accepted`` is False; the CLI exits 2 for it)."""
    core = _s.market_bid(_field_dict("market_bid", kw), progress)
    result = StudyResult("market bid", core)
    result.accepted = core.accepted  # type: ignore[attr-defined]
    return result


def frequency(*, keep_steps: bool = True, progress: ProgressArg = None, **kw: Any) -> StudyResult:
    """``ballast frequency``: a synthetic grid frequency, summarised. ``to_pandas()``:
    ``frequency_hz`` at every sample (the CLI's ``--out``, not rounded), on a DatetimeIndex at
    the ``start=`` offset. ``keep_steps=False``: no per-step table (less memory)."""
    return StudyResult("frequency", _s.frequency(_field_dict("frequency", kw), keep_steps, progress))


def aging_study(
    *,
    soc_series: Any = None,
    power_series: Any = None,
    temperature_series: Any = None,
    step: Any = None,
    start: Any = None,
    progress: ProgressArg = None,
    **kw: Any,
) -> StudyResult:
    """``ballast aging``: a battery's wear from an SOC or a power trace. In memory:
    ``soc_series`` (fraction) or ``power_series`` (MW, + discharge; the battery is then
    ``power_mw=`` and ``energy_mwh=``), and optionally ``temperature_series`` (deg C); or the
    CLI's ``soc=``/``power=``/``temperature=`` CSV paths as fields."""
    args = []
    tz = None
    for data, name in ((soc_series, "soc_series"), (power_series, "power_series"),
                       (temperature_series, "temperature_series")):
        if data is None:
            args.append(None)
            continue
        arg, tz_here = _load_series(data, step, start, name)
        tz = tz or tz_here
        args.append(arg)
    core = _s.aging(_field_dict("aging", kw), *args, progress)
    return StudyResult("aging", core, tz)
